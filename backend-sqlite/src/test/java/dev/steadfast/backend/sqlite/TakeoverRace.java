package dev.steadfast.backend.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Racers taking one fence over through the handles they are given; each winner keeps appending its epoch to one
 * journal under a guard for it until it is fenced out. Checks that no epoch had two owners, that every write under
 * an epoch landed before every write under a later one (a stale owner's write after a takeover would break the
 * order), and that every racer's writes ended {@code Committed}, {@code FencedOut} or {@code SequenceConflict}.
 */
final class TakeoverRace {
    private static final String FENCE = "race";
    private static final StreamId JOURNAL = StreamId.of("race/epochs");
    /** Guarded appends a winner makes at most before it tries a takeover again. */
    private static final int WRITES_PER_WIN = 5;

    private TakeoverRace() {
    }

    /** Racer {@code t} writes through {@code handles[t]}, trying {@code attempts} takeovers. */
    static void run(Store[] handles, int attempts) throws Exception {
        ConcurrentMap<Long, String> owners = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(handles.length);
        try {
            List<Future<?>> racers = new ArrayList<>();
            for (int t = 0; t < handles.length; t++) {
                Store st = handles[t];
                String me = "owner-" + t;
                racers.add(threads.submit(() -> {
                    assertTrue(start.await(60, TimeUnit.SECONDS));
                    race(st, me, attempts, owners);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> r : racers) {
                r.get(120, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        long last = handles[0].readFence(FENCE).orElseThrow().epoch();
        assertEquals(last, owners.size(), "every epoch up to the last had one winner");
        long previous = 0;
        try (Stream<Entry> entries = handles[0].readJournal(JOURNAL, 1, Long.MAX_VALUE, Integer.MAX_VALUE)) {
            for (Entry e : (Iterable<Entry>) entries::iterator) {
                long epoch = Long.parseLong(new String(e.payload(), StandardCharsets.UTF_8));
                assertTrue(epoch >= previous, "a write under epoch " + epoch + " landed after one under " + previous);
                previous = epoch;
            }
        }
    }

    private static void race(Store st, String me, int attempts, ConcurrentMap<Long, String> owners) {
        for (int i = 0; i < attempts; i++) {
            long epoch = st.readFence(FENCE).map(Fence::epoch).orElse(0L);
            WriteResult r = st.apply(WriteBatch.builder()
                    .setFence(new Fence(FENCE, me, epoch + 1, "", 0), epoch).build());
            if (r.isCommitted()) {
                assertNull(owners.putIfAbsent(epoch + 1, me), "two owners of epoch " + (epoch + 1));
                writeWhileOwner(st, epoch + 1);
            } else {
                assertTrue(r instanceof FencedOut, "a lost takeover is FencedOut, was " + r);
            }
        }
    }

    private static void writeWhileOwner(Store st, long epoch) {
        long head = st.journalHead(JOURNAL);
        for (int written = 0; written < WRITES_PER_WIN; ) {
            WriteResult r = st.apply(WriteBatch.builder().guardFence(FENCE, epoch)
                    .append(JOURNAL, head, Long.toString(epoch).getBytes(StandardCharsets.UTF_8)).build());
            if (r instanceof SequenceConflict c) {
                head = c.foundHead();
            } else if (r.isCommitted()) {
                head++;
                written++;
            } else {
                assertTrue(r instanceof FencedOut, "a stale owner's write is FencedOut, was " + r);
                return;
            }
        }
    }
}
