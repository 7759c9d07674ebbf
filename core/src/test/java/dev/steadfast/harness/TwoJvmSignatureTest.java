package dev.steadfast.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Store;
import dev.steadfast.tck.LogScan;
import dev.steadfast.testing.Backends;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A seed means the same run in another JVM: a child certifying a SQLite file prints this JVM's signature. */
class TwoJvmSignatureTest {
    private static final long SEED = 21;

    @Test
    void aChildJvmCertifyingASqliteFileGivesTheSameReportSignatureAsThisJvmOnMemory(@TempDir Path dir)
            throws Exception {
        String here;
        try (Store store = Backends.memory().open(dir)) {
            Report report = new Harness(store, "parent").runMatrix(SEED);
            assertTrue(report.passed(), report::markdown);
            here = report.signature();
        }

        Path out = dir.resolve("child.out");
        Process child = LogScan.scanning(new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MatrixProcess.class.getName(),
                "sqlite:" + dir.resolve("child.db"), Long.toString(SEED))))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child did not finish in 120 s");
        } finally {
            child.toHandle().destroyForcibly();
        }
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), printed);
        String last = printed.strip().lines().reduce((a, b) -> b).orElse("");
        assertEquals("PASS " + here, last, printed);
    }
}
