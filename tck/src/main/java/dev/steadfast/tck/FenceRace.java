package dev.steadfast.tck;

import static dev.steadfast.tck.TckGroup.bytes;
import static dev.steadfast.tck.TckGroup.range;
import static dev.steadfast.tck.TckGroup.read;
import static dev.steadfast.tck.TckGroup.text;
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
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.IntFunction;

/**
 * Threads racing to take a fence over, each winner appending its epoch to a journal under a guard for it: no
 * epoch may have two owners and no entry of an older epoch may land after one of a newer epoch.
 */
final class FenceRace {
    private static final String FENCE = "race/fence";

    private FenceRace() {
    }

    /** Runs the race with {@code threads} threads, thread {@code t} writing through {@code handle.apply(t)}. */
    static void run(int threads, int attempts, IntFunction<Store> handle, StreamId journal) throws Exception {
        ConcurrentMap<Long, String> winners = new ConcurrentHashMap<>();
        Threads.run(threads, t -> {
            Store st = handle.apply(t);
            String me = "owner-" + t;
            for (int i = 0; i < attempts; i++) {
                long epoch = st.readFence(FENCE).map(Fence::epoch).orElse(0L);
                WriteResult r = st.apply(WriteBatch.builder()
                        .setFence(new Fence(FENCE, me, epoch + 1, "", 0), epoch).build());
                if (r.isCommitted()) {
                    assertNull(winners.putIfAbsent(epoch + 1, me), "two owners accepted at epoch " + (epoch + 1));
                    guardedAppend(st, journal, epoch + 1);
                } else {
                    assertTrue(r instanceof FencedOut, "a fence race must end in FencedOut, was " + r);
                }
            }
        });
        Store st = handle.apply(0);
        long last = st.readFence(FENCE).orElseThrow().epoch();
        assertEquals(new TreeSet<>(range(1, last)), new TreeSet<>(winners.keySet()));
        assertEquals(winners.get(last), st.readFence(FENCE).orElseThrow().owner());
        long previous = 0;
        for (Entry e : read(st, journal, 1, Long.MAX_VALUE, Integer.MAX_VALUE)) {
            long epoch = Long.parseLong(text(e.payload()));
            assertTrue(epoch >= previous, "entry of epoch " + epoch + " landed after one of epoch " + previous);
            previous = epoch;
        }
    }

    /** Appends "epoch" to the journal while the fence is at {@code epoch}; gives up once fenced out. */
    private static void guardedAppend(Store st, StreamId journal, long epoch) {
        long head = st.journalHead(journal);
        while (true) {
            WriteResult r = st.apply(WriteBatch.builder().guardFence(FENCE, epoch)
                    .append(journal, head, bytes(Long.toString(epoch))).build());
            if (!(r instanceof SequenceConflict c)) {
                return;
            }
            head = c.foundHead();
        }
    }
}
