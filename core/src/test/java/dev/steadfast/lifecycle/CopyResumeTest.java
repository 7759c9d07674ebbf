package dev.steadfast.lifecycle;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.tck.ForwardingStore;
import dev.steadfast.testing.Backend;
import dev.steadfast.testing.Backends;
import dev.steadfast.testing.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A copy cut off part way (a failing write, a {@code kill -9}) continues when it is run again. */
class CopyResumeTest {
    private static final int ENTRIES = 200;
    private static final int BATCH = 5;

    /**
     * One child JVM copies a SQLite store into every durable backend at once; each copy passes a kill point drawn at
     * random (printed, for a rerun), waits there for the others, and all go on writing when the last one arrives;
     * the parent kills the child the moment it hears so, wherever the copies are, between or inside writes. The
     * child's latches, not the timing of its output, decide that every copy is cut off unfinished, so the test
     * takes as long under load as the writes themselves. Whatever the kill left, running each copy again ends equal
     * to the source and copies only what was missing.
     */
    @Test
    void copiesKilledMidWriteResumeToEqualStoresOnEveryDurableBackend(@TempDir Path dir) throws Exception {
        Backend sqlite = Backends.find("sqlite").orElseThrow();
        String sourceUri = sqlite.uri().apply(dir.resolve("source"));
        try (Store source = sqlite.open(dir.resolve("source"))) {
            CopyPopulation.fill(source, ENTRIES);
        }
        List<Backend> targets = Backends.durable().toList();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> args = new ArrayList<>(List.of(sourceUri, String.valueOf(BATCH),
                String.valueOf(ENTRIES - BATCH)));
        Map<Backend, Long> killAfter = new LinkedHashMap<>();
        for (Backend to : targets) {
            to.open(target(dir, to)).close();
            killAfter.put(to, (long) BATCH * (2 + random.nextInt(ENTRIES / BATCH / 4)));
            args.add(String.valueOf(killAfter.get(to)));
            args.add(to.uri().apply(target(dir, to)));
        }
        System.out.println("[CopyResumeTest] kill points " + killAfter + " (seed " + seed + ")");

        try (ChildProcess child = new ChildProcess(CopyProcess.class, dir.resolve("child.err"),
                args.toArray(String[]::new))) {
            String line = child.next();
            while (!line.equals("RELEASED") && !line.startsWith("FAILED")) {
                line = child.next(); // whatever a driver prints before
            }
            assertEquals("RELEASED", line, "every copy passed its kill point (child.err has more)");
            child.killHard(); // SIGKILL while the copies write: no shutdown hooks, no close
        }

        try (Store source = sqlite.open(dir.resolve("source"))) {
            for (Backend to : targets) {
                try (Store target = to.open(target(dir, to))) {
                    assertResumes(to, killAfter.get(to), source, target);
                }
            }
        }
    }

    private static void assertResumes(Backend to, long killAfter, Store source, Store target) {
        long copiedBefore = entries(target);
        assertTrue(target.journalHead(CopyPopulation.PLAIN) >= killAfter, to + ": the kill came after " + killAfter);
        assertTrue(target.journalHead(CopyPopulation.PLAIN) < ENTRIES, to + ": the kill came before the end");
        assertTrue(target.getRecord(StoreCopy.PROGRESS_NAMESPACE, RecordKey.of("in-progress")).isPresent(),
                to + ": the copy was cut off before it verified, so its marker is still there");

        CopyReport report = StoreCopy.run(source, target, CopyOptions.defaults());

        assertTrue(report.resumed(), to.toString());
        assertEquals(entries(source) - copiedBefore, report.entries(), to + ": only the rest is copied");
        assertEquals(StoreDigest.of(source), StoreDigest.of(target), to.toString());
        StoreCopyTest.assertTruncationsKept(target);
    }

    private static Path target(Path dir, Backend backend) {
        return dir.resolve("target-" + backend.scheme());
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
}
