package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

class LogScanTest {
    @Test
    void markedSecretsKeysetMaterialAndUnredactedSecretOptionsAreViolations() {
        assertNotNull(LogScan.violation("wrote payload-" + LogScan.MARKER + "-1"));
        assertNotNull(LogScan.violation("keyset {\"primaryKeyId\":1,\"key\":[{\"keyData\":{\"keyValue\":\"AbC\"}}]}"));
        assertNotNull(LogScan.violation("store postgresql://db/app?user=svc&password=hunter2 refused"));
        assertNotNull(LogScan.violation("opening secret=abc"));
    }

    @Test
    void ordinaryAndRedactedLinesPass() {
        assertNull(LogScan.violation("store opened: scheme sqlite, location ./app.db, durable, format version 1"));
        assertNull(LogScan.violation("store postgresql://db/app?user=svc&password=*** refused"));
        assertNull(LogScan.violation("jdbcUrl......jdbc:postgresql://db/app?user=svc&password=<masked>"));
        assertNull(LogScan.violation("read the password from a file (passwordFile) or the environment"));
        assertNull(LogScan.violation("takeover refused (invalid_token): fence 'jobs' owner 'b' epoch 3"));
    }

    @Test
    void aTestClassThatLogsAMarkedSecretFails() {
        List<Throwable> failures = run(LogsAMarkedSecret.class);
        assertEquals(1, failures.size(), failures::toString);
        String message = failures.get(0).getMessage();
        assertTrue(message.contains("marked test secret") && message.contains("dev.steadfast.test"), message);
    }

    @Test
    void aTestClassWhoseChildJvmLogsAMarkedSecretAtDebugFails() {
        List<Throwable> failures = run(ChildLogsAMarkedSecret.class);
        assertEquals(1, failures.size(), failures::toString);
        String message = failures.get(0).getMessage();
        assertTrue(message.contains("child JVM") && message.contains("marked test secret")
                && message.contains("dev.steadfast.test.child"), message);
    }

    @Test
    void aChildJvmThatLogsNothingSecretPassesAndKeepsItsConsole() throws Exception {
        assertEquals(List.of(), run(ChildLogsAnOrdinaryLine.class));
    }

    private static List<Throwable> run(Class<?> testClass) {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(testClass)).build(),
                new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        result.getThrowable().ifPresent(failures::add);
                    }
                });
        return failures;
    }

    /** Main of the child JVMs below: logs its argument at DEBUG and prints a line at INFO. */
    public static void main(String[] args) {
        System.getLogger("dev.steadfast.test.child").log(System.Logger.Level.DEBUG, args[0]);
        System.getLogger("dev.steadfast.test.child").log(System.Logger.Level.INFO, "ordinary info line");
    }

    private static String runChild(String logged) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(LogScan.childJvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LogScanTest.class.getName(), logged));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish in 60 s");
        assertEquals(0, child.exitValue(), output);
        return output;
    }

    /** Run only through the launcher above; its child logs what the scan must catch. */
    @ExtendWith(LogScan.class)
    static class ChildLogsAMarkedSecret {
        @Test
        void childLogsAPayload() throws Exception {
            runChild("wrote payload-" + LogScan.MARKER + "-3");
        }
    }

    /** Run only through the launcher above; its child's console shows INFO lines as the JDK's default would. */
    @ExtendWith(LogScan.class)
    static class ChildLogsAnOrdinaryLine {
        @Test
        void childLogsAnOrdinaryLine() throws Exception {
            String output = runChild("debug line with nothing secret");
            assertTrue(output.contains("INFO: ordinary info line"), output);
            assertFalse(output.contains("debug line"), output);
        }
    }

    /** Run only through the launcher above; logs what the scan must catch. */
    @ExtendWith(LogScan.class)
    static class LogsAMarkedSecret {
        @Test
        void logsAPayload() {
            System.getLogger("dev.steadfast.test").log(System.Logger.Level.DEBUG,
                    "wrote payload-" + LogScan.MARKER + "-2");
        }
    }
}
