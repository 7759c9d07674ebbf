package dev.steadfast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.tck.LogScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real demo: a child JVM on this test's class path, killed with SIGKILL. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void demoOnASqliteFileSurvivesTheKillTakesOverAndRefusesTheStaleOwner() {
        String uri = "sqlite:" + dir.resolve("demo.db");
        // No --slo-ms: the reconnect time is reported, so a loaded build machine cannot fail this run on latency.
        Run run = withChildLogScan(() -> Run.of("demo", "--store", uri, "--seed", "42"));

        assertEquals(0, run.exitCode(), run::toString);
        String out = run.out();
        assertTrue(out.contains("kill -9 node-a (pid "), out);
        assertTrue(out.contains("node-b takes the session over at epoch 2 (node-a held 1)"), out);
        assertTrue(out.contains("[ok]     every acknowledged event survived the kill"), out);
        assertTrue(out.contains("the store refused it: FencedOut: fence 'session/demo-"), out);
        assertTrue(out.contains("superseded by owner 'node-b' at epoch 2"), out);
        assertTrue(out.contains("[ok]     journal unchanged by the refused write"), out);
        assertTrue(out.matches("(?s).*reconnect latency: \\d+ ms.*"), out);
        assertTrue(out.contains("[ok]     no acknowledged event lost: 0 events lost"), out);
        assertTrue(Files.notExists(DemoCommand.NATIVE_DIR), "the killed child's native-library folder is removed");
        assertTrue(out.contains("Step 6. A short certification of this store under contention: the five scenarios at "
                + "seed 42"), out);
        assertTrue(out.contains("[ok]     ClockSkew seed 42: deterministic, invariants held"), out);
        assertTrue(out.strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("PASS: all 11 checks held"), out);

        Run inspect = Run.of("inspect", "--store", uri);
        assertTrue(inspect.out().matches("(?s).*session/demo-\\S+\\s+owner 'node-b'\\s+epoch 2.*"), inspect::toString);
        assertEquals(0, Run.of("verify", "--store", uri).exitCode());
    }

    @Test
    void writersGetTheDemosLoggingConfiguration() {
        List<String> options = withChildLogScan(WriterProcess::loggingOptions);

        assertEquals(1, options.size(), options::toString);
        assertEquals(LogScan.childJvmOptions().get(0), options.get(0));
    }

    /**
     * Runs {@code body} with this JVM's logging configuration property naming the log scan's child configuration,
     * which the demo hands its writer JVMs, so their log lines are scanned too.
     */
    private static <T> T withChildLogScan(Supplier<T> body) {
        String option = LogScan.childJvmOptions().get(0);
        String property = "java.util.logging.config.file";
        String before = System.getProperty(property);
        System.setProperty(property, option.substring(option.indexOf('=') + 1));
        try {
            return body.get();
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }

    @Test
    void demoOnAVolatileStoreIsRefusedInOneLine() {
        Run run = Run.of("demo", "--store", "memory:");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.err().contains("not durable"), run::toString);
    }
}
