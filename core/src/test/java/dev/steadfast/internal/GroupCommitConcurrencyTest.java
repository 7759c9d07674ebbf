package dev.steadfast.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.FixtureStore;
import dev.steadfast.GroupCommitSettings;
import dev.steadfast.GroupCommitStats;
import dev.steadfast.Steadfast;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many real threads through group commit, against core's fixture store and the real memory: backend, with one
 * and with three groups in flight; {@code -Dsteadfast.stress.scale=10} makes it heavier by hand.
 */
class GroupCommitConcurrencyTest {
    private static final int THREADS = 16;
    private static final int SCALE = Integer.getInteger("steadfast.stress.scale", 1);

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    private Steadfast steadfast;
    private Store store;

    /** {@code backend} is "fixture" or "memory", optionally with "/n" for n groups in flight. */
    private void open(String backend) {
        String[] parts = backend.split("/");
        GroupCommitSettings settings = GroupCommitSettings.defaults()
                .withMaxGroupsInFlight(parts.length > 1 ? Integer.parseInt(parts[1]) : 1);
        Steadfast.Builder builder = Steadfast.builder().groupCommit(settings);
        steadfast = parts[0].equals("memory") ? builder.open("memory:") : builder.wrap(new FixtureStore("stress"));
        store = steadfast.store();
    }

    @AfterEach
    void tearDown() {
        if (steadfast != null) {
            steadfast.close();
        }
        pool.shutdownNow();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private interface Writer {
        void run(int thread) throws Exception;
    }

    private void runOnAllThreads(Writer writer) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await();
                writer.run(thread);
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get(120, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixture", "memory", "fixture/3", "memory/3"})
    void everyWriterOnItsOwnStreamGetsItsOwnResultAndNoSequenceIsLostOrDuplicated(String backend) throws Exception {
        open(backend);
        int perThread = 2_000 * SCALE;
        runOnAllThreads(thread -> {
            StreamId stream = StreamId.of("own/" + thread);
            for (int i = 0; i < perThread; i++) {
                WriteResult r = store.apply(WriteBatch.builder().append(stream, i, utf8(thread + ":" + i)).build());
                assertEquals(WriteResult.committed(), r, "thread " + thread + " append " + i);
            }
        });

        for (int t = 0; t < THREADS; t++) {
            StreamId stream = StreamId.of("own/" + t);
            assertEquals(perThread, store.journalHead(stream));
            List<Entry> entries = store.readJournal(stream, 1).toList();
            for (int i = 0; i < perThread; i++) {
                assertEquals(i + 1, entries.get(i).sequence());
                assertEquals(t + ":" + i, new String(entries.get(i).payload(), StandardCharsets.UTF_8));
            }
        }
        GroupCommitStats stats = steadfast.groupCommitStats();
        assertEquals((long) THREADS * perThread, stats.batches());
        assertTrue(stats.groups() <= stats.batches() && stats.largestGroup() <= THREADS, stats.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixture", "memory", "fixture/3", "memory/3"})
    void writersRacingOnOneSharedStreamEachLandExactlyOnceAndConflictsNameTheTrueHead(String backend)
            throws Exception {
        open(backend);
        int perThread = 2_000 * SCALE;
        StreamId shared = StreamId.of("shared");
        runOnAllThreads(thread -> {
            long head = store.journalHead(shared);
            for (int i = 0; i < perThread; i++) {
                byte[] payload = utf8(thread + ":" + i);
                while (true) {
                    WriteResult r = store.apply(WriteBatch.builder().append(shared, head, payload).build());
                    if (r.isCommitted()) {
                        head++;
                        break;
                    }
                    SequenceConflict conflict = assertInstanceOf(SequenceConflict.class, r);
                    assertEquals(head, conflict.expectedHead());
                    assertTrue(conflict.foundHead() > head, conflict.message());
                    head = conflict.foundHead();
                }
            }
        });

        long total = (long) THREADS * perThread;
        assertEquals(total, store.journalHead(shared));
        List<String> payloads = store.readJournal(shared, 1).map(e -> new String(e.payload(), StandardCharsets.UTF_8))
                .collect(Collectors.toList());
        Set<String> expected = new HashSet<>();
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < perThread; i++) {
                expected.add(t + ":" + i);
            }
        }
        assertEquals(total, payloads.size());
        assertEquals(expected, new HashSet<>(payloads));
        for (int t = 0; t < THREADS; t++) {
            String prefix = t + ":";
            List<String> mine = payloads.stream().filter(p -> p.startsWith(prefix)).toList();
            for (int i = 0; i < perThread; i++) {
                assertEquals(prefix + i, mine.get(i), "thread " + t + " entries keep their order");
            }
        }
    }
}
