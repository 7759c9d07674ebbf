package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

abstract class ConcurrencyTests extends TckGroup {
    static final int THREADS = 8;
    private final StreamId shared = stream("conc/shared");

    @Test
    @DisplayName("8 threads appending to one journal with retry on conflict lose, duplicate and reorder nothing")
    void sharedJournal() throws Exception {
        int perThread = tck().scaled(5_000);
        Store st = store();
        Threads.run(THREADS, t -> {
            for (int i = 0; i < perThread; i++) {
                appendWithRetry(st, shared, bytes(t + ":" + i));
            }
        });
        assertEquals((long) THREADS * perThread, st.journalHead(shared));
        List<Entry> entries = read(shared, 1, Long.MAX_VALUE, Integer.MAX_VALUE);
        assertEquals(range(1, (long) THREADS * perThread), entries.stream().map(Entry::sequence).toList());
        int[] next = new int[THREADS];
        for (Entry e : entries) {
            String[] parts = text(e.payload()).split(":");
            int thread = Integer.parseInt(parts[0]);
            assertEquals(next[thread]++, Integer.parseInt(parts[1]), "order of thread " + thread + " at " + e.sequence());
        }
        for (int t = 0; t < THREADS; t++) {
            assertEquals(perThread, next[t], "entries of thread " + t);
        }
    }

    /** Appends one entry at the head, retrying from the head a conflict reports. */
    static long appendWithRetry(Store st, StreamId stream, byte[] payload) {
        long head = st.journalHead(stream);
        while (true) {
            WriteResult r = st.apply(WriteBatch.builder().append(stream, head, payload).build());
            if (r.isCommitted()) {
                return head + 1;
            }
            head = ((SequenceConflict) r).foundHead();
        }
    }

    @Test
    @DisplayName("8 threads appending to their own journals each get a contiguous journal")
    void separateJournals() throws Exception {
        int perThread = tck().scaled(5_000);
        Store st = store();
        Threads.run(THREADS, t -> {
            StreamId own = stream("conc/own/" + t);
            for (int i = 0; i < perThread; i++) {
                commit(st, WriteBatch.builder().append(own, i, bytes(Integer.toString(i + 1))).build());
            }
        });
        for (int t = 0; t < THREADS; t++) {
            StreamId own = stream("conc/own/" + t);
            assertEquals(perThread, st.journalHead(own));
            List<Entry> entries = read(own, 1, Long.MAX_VALUE, Integer.MAX_VALUE);
            assertEquals(range(1, perThread), entries.stream().map(Entry::sequence).toList());
            for (Entry e : entries) {
                assertEquals(Long.toString(e.sequence()), text(e.payload()));
            }
        }
    }

    @Test
    @DisplayName("concurrent fence takeovers never accept two owners at one epoch, and stale owners never write")
    void fenceTakeovers() throws Exception {
        Store st = store();
        FenceRace.run(THREADS, tck().scaled(500), t -> st, shared);
    }

    @Test
    @DisplayName("a reader racing with an appender always sees a contiguous prefix from sequence 1")
    void readerSeesPrefixes() throws Exception {
        int total = tck().scaled(5_000);
        Store st = store();
        Map<String, Long> seen = new ConcurrentHashMap<>();
        AtomicBoolean writerDone = new AtomicBoolean();
        Threads.run(2, t -> {
            if (t == 0) {
                try {
                    for (int i = 0; i < total; i++) {
                        commit(st, WriteBatch.builder().append(shared, i, bytes("e")).build());
                    }
                } finally {
                    writerDone.set(true);
                }
                return;
            }
            long count = 0;
            while (count < total && !(writerDone.get() && count == st.journalHead(shared))) {
                List<Entry> entries = read(st, shared, 1, Long.MAX_VALUE, Integer.MAX_VALUE);
                List<Long> sequences = new ArrayList<>();
                entries.forEach(e -> sequences.add(e.sequence()));
                assertEquals(range(1, entries.size()), sequences, "a read saw a gap");
                assertTrue(st.journalHead(shared) >= entries.size(), "a read saw entries above the head");
                count = entries.size();
                seen.merge("reads", 1L, Long::sum);
            }
        });
        assertTrue(seen.get("reads") >= 1);
        assertEquals(total, st.journalHead(shared));
    }

    @Test
    @DisplayName("concurrent applyAll calls report exactly what they wrote, batch by batch")
    void concurrentApplyAllResultsMatchTheStore() throws Exception {
        int rounds = tck().scaled(1_000);
        Store st = store();
        AtomicLong sharedCommits = new AtomicLong();
        Threads.run(THREADS, t -> {
            StreamId own = stream("conc/all/" + t);
            for (int i = 0; i < rounds; i++) {
                long guess = st.journalHead(shared);
                List<WriteResult> results = st.applyAll(List.of(
                        WriteBatch.builder().append(own, i, bytes(t + ":" + i)).build(),
                        WriteBatch.builder().append(shared, guess, bytes(t + ":" + i)).build()));
                assertEquals(WriteResult.committed(), results.get(0), "own journal of thread " + t);
                if (results.get(1).isCommitted()) {
                    sharedCommits.incrementAndGet();
                } else {
                    assertTrue(results.get(1) instanceof SequenceConflict, "was " + results.get(1));
                }
            }
        });
        for (int t = 0; t < THREADS; t++) {
            assertEquals(rounds, st.journalHead(stream("conc/all/" + t)));
        }
        assertEquals(sharedCommits.get(), st.journalHead(shared));
        assertEquals(sharedCommits.get(), read(shared, 1, Long.MAX_VALUE, Integer.MAX_VALUE).size());
    }
}
