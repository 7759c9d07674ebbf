package dev.steadfast.lifecycle;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.tck.ForwardingStore;
import dev.steadfast.tck.LogScan;
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
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A copy cut off part way (a failing write, a {@code kill -9}) continues when it is run again. */
class CopyResumeTest {
    private static final int ENTRIES = 1_000;
    private static final int BATCH = 5;

    /**
     * The child copies without pausing; the parent kills it once a progress line shows the plain journal past a
     * point drawn at random (printed, for a rerun), so the kill lands at an arbitrary moment of the copy, between
     * or inside writes. Whatever the kill left, running the copy again ends equal to the source.
     */
    @ParameterizedTest(name = "sqlite -> {0}")
    @MethodSource("dev.steadfast.testing.Backends#durable")
    void copyKilledMidWriteResumesToAnEqualStore(Backend to, @TempDir Path dir) throws Exception {
        Backend sqlite = Backends.find("sqlite").orElseThrow();
        String sourceUri = sqlite.uri().apply(dir.resolve("source"));
        try (Store source = sqlite.open(dir.resolve("source"))) {
            CopyPopulation.fill(source, ENTRIES);
        }
        String targetUri = to.uri().apply(dir.resolve("target"));
        to.open(dir.resolve("target")).close();
        long seed = System.nanoTime();
        long killAfter = BATCH * (10 + new Random(seed).nextInt(ENTRIES / BATCH / 4));
        System.out.println("[CopyResumeTest] " + to.scheme() + ": kill once the copy passed entry " + killAfter
                + " (seed " + seed + ")");

        Process child = LogScan.scanning(new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CopyProcess.class.getName(), sourceUri, targetUri,
                String.valueOf(BATCH)))
                .redirectError(dir.resolve("child.err").toFile()).start();
        try {
            awaitPlainHeadAtLeast(child, killAfter);
            child.destroyForcibly(); // SIGKILL while the child keeps writing: no shutdown hooks, no close
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "killed child did not exit");
        } finally {
            child.destroyForcibly();
        }

        try (Store source = sqlite.open(dir.resolve("source")); Store target = to.open(dir.resolve("target"))) {
            long copiedBefore = entries(target);
            assertTrue(target.journalHead(CopyPopulation.PLAIN) >= killAfter, "the kill came after " + killAfter);
            assertTrue(target.getRecord(StoreCopy.PROGRESS_NAMESPACE, dev.steadfast.spi.RecordKey.of("in-progress"))
                    .isPresent(), "the copy was cut off before it verified, so its marker is still there");

            CopyReport report = StoreCopy.run(source, target, CopyOptions.defaults());

            assertTrue(report.resumed());
            assertEquals(entries(source) - copiedBefore, report.entries(), "only the rest is copied");
            assertEquals(StoreDigest.of(source), StoreDigest.of(target));
            StoreCopyTest.assertTruncationsKept(target);
        }
    }

    /** Journal entries the store holds (truncated ones not counted). */
    static long entries(Store store) {
        long n = 0;
        for (StreamId stream : store.listStreams("")) {
            try (Stream<Entry> entries = store.readJournal(stream, 1)) {
                n += entries.count();
            }
        }
        return n;
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

    private static void awaitPlainHeadAtLeast(Process child, long wanted) throws IOException {
        Pattern at = Pattern.compile("'" + Pattern.quote(CopyPopulation.PLAIN.value()) + "' at (\\d+)/");
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher m = at.matcher(line);
            if (m.find() && Long.parseLong(m.group(1)) >= wanted) {
                return;
            }
        }
        throw new AssertionError("the child's output ended before the plain journal reached " + wanted
                + " (see child.err)");
    }
}
