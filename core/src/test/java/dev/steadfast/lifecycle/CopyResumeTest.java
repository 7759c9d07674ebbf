package dev.steadfast.lifecycle;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.tck.ForwardingStore;
import dev.steadfast.testing.Backend;
import dev.steadfast.testing.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A copy cut off part way (a failing write, a {@code kill -9}) continues when it is run again. */
class CopyResumeTest {
    private static final int ENTRIES = 120;

    @ParameterizedTest(name = "sqlite -> {0}")
    @MethodSource("dev.steadfast.testing.Backends#durable")
    void copyKilledHalfwayResumesToAnEqualStore(Backend to, @TempDir Path dir) throws Exception {
        Backend sqlite = Backends.find("sqlite").orElseThrow();
        String sourceUri = sqlite.uri().apply(dir.resolve("source"));
        try (Store source = sqlite.open(dir.resolve("source"))) {
            CopyPopulation.fill(source, ENTRIES);
        }
        String targetUri = to.uri().apply(dir.resolve("target"));
        to.open(dir.resolve("target")).close();

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CopyProcess.class.getName(), sourceUri, targetUri,
                String.valueOf(ENTRIES / 2))
                .redirectError(dir.resolve("child.err").toFile()).start();
        try {
            awaitLine(child, "HALFWAY");
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "killed child did not exit");
        } finally {
            child.destroyForcibly();
        }

        try (Store source = sqlite.open(dir.resolve("source")); Store target = to.open(dir.resolve("target"))) {
            assertEquals(ENTRIES / 2, target.journalHead(CopyPopulation.PLAIN), "the kill cut the copy halfway");
            assertTrue(target.getRecord(StoreCopy.PROGRESS_NAMESPACE, dev.steadfast.spi.RecordKey.of("in-progress"))
                    .isPresent(), "an interrupted copy leaves its marker");

            CopyReport report = StoreCopy.run(source, target, CopyOptions.defaults());

            assertTrue(report.resumed());
            assertEquals(ENTRIES / 2 + 3, report.entries(), "only the rest is copied");
            assertEquals(StoreDigest.of(source), StoreDigest.of(target));
            StoreCopyTest.assertTruncationsKept(target);
        }
    }

    @Test
    void copyFailingPartWayResumesWithoutCopyingTwice(@TempDir Path dir) {
        Backend memory = Backends.memory();
        try (Store source = memory.open(dir.resolve("s")); Store target = memory.open(dir.resolve("t"))) {
            CopyPopulation.fill(source, 40);
            Store failing = new ForwardingStore(target) {
                private int writes;

                @Override
                public WriteResult apply(WriteBatch batch) {
                    if (++writes == 5) {
                        throw new dev.steadfast.spi.StoreIOException("injected: disk gone");
                    }
                    return super.apply(batch);
                }
            };
            assertThrows(dev.steadfast.spi.StoreIOException.class,
                    () -> StoreCopy.run(source, failing, CopyOptions.defaults().withBatchSize(10)));
            assertEquals(30, target.journalHead(CopyPopulation.PLAIN), "marker + 3 batches landed before the fault");

            CopyReport resumed = StoreCopy.run(source, target, CopyOptions.defaults().withBatchSize(10));

            assertTrue(resumed.resumed());
            assertEquals(10 + 3, resumed.entries());
            assertEquals(StoreDigest.of(source), StoreDigest.of(target));
        }
    }

    private static void awaitLine(Process child, String wanted) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.equals(wanted)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        throw new AssertionError("child never printed " + wanted + " (see child.err); lines ended");
    }

}
