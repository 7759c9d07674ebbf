package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A fault during a commit, made real for every backend by interrupting the writing thread (as {@code
 * Future.cancel(true)} or an executor's {@code shutdownNow} do): an interrupted {@code FileChannel} closes, a JDBC
 * driver may abort. Whatever the backend does with it, what it tells the writer must be true. The writer is alone
 * and reads the journal head just before each batch, so every batch can commit: a call that returns must report
 * every batch committed (a conflict would be made up, for example by a retry that found the first attempt's own
 * write), and everything reported committed must be there afterwards (after a reopen, for a durable store). A
 * store that cannot tell must throw a {@link StoreException}, and {@code applyAll} throws as a whole rather than
 * return results for some batches. A batch stays atomic: its journal entry and its record are both there or both
 * absent.
 */
abstract class InterruptedCommitTests extends TckGroup {
    private static final StreamId STREAM = stream("interrupted/s");
    private static final String NAMESPACE = "interrupted/ns";

    /** What each sequence was last sent with, and which sequences the store said it committed. */
    private final Map<Long, String> sent = new HashMap<>();
    private final NavigableMap<Long, String> acknowledged = new TreeMap<>();

    @Test
    @DisplayName("an interrupted apply reports committed only what survives, never a made-up conflict, else throws")
    void interruptedApplyIsTruthful() {
        interruptWhileWriting(1);
    }

    @Test
    @DisplayName("an interrupted applyAll reports every batch truthfully or throws as a whole, never part of a list")
    void interruptedApplyAllIsTruthfulOrThrowsWhole() {
        interruptWhileWriting(3);
    }

    private void interruptWhileWriting(int batchesPerCall) {
        boolean durable = store().descriptor().durable();
        Random random = new Random(16);
        int calls = tck().scaled(60);
        int threw = 0;
        for (int i = 0; i < calls; i++) {
            Optional<Long> read = headOrFault();
            if (read.isEmpty() && !durable) {
                return; // a volatile handle that failed may stay failed; what it acknowledged was checked below
            }
            long head = read.isPresent() ? read.get() : reopen().journalHead(STREAM);
            if (!acknowledged.isEmpty()) {
                assertTrue(head >= acknowledged.lastKey(), "before call " + i + ": sequence "
                        + acknowledged.lastKey() + " was reported committed, but the head is " + head);
            }
            List<WriteBatch> batches = new ArrayList<>();
            for (int b = 0; b < batchesPerCall; b++) {
                long sequence = head + 1 + b;
                String payload = "call " + i + " batch " + b;
                sent.put(sequence, payload);
                batches.add(WriteBatch.builder().append(STREAM, sequence - 1, bytes(payload))
                        .putRecord(NAMESPACE, RecordKey.ofLong(sequence), bytes(payload)).build());
            }
            // Every fourth call starts interrupted; the others are interrupted after a random spin, mid-call or late.
            int spins = i % 4 == 0 ? -1 : random.nextInt(200_000);
            Optional<List<WriteResult>> results = Interrupter.call(spins, () -> batchesPerCall == 1
                    ? List.of(store().apply(batches.get(0))) : store().applyAll(batches));
            if (results.isEmpty()) {
                threw++;
                if (durable) {
                    reopen(); // a handle that failed may refuse further calls; the data it holds must not care
                }
                continue;
            }
            List<WriteResult> list = results.get();
            assertEquals(batches.size(), list.size(), "call " + i + " returned " + list + " for " + batches.size()
                    + " batches: on a fault the whole call must throw");
            for (int b = 0; b < list.size(); b++) {
                assertEquals(WriteResult.committed(), list.get(b), "call " + i + " batch " + b + " at head "
                        + (head + b) + " of a writer that is alone: any conflict is made up (a retry that found "
                        + "its own first attempt?)");
                acknowledged.put(head + 1 + b, sent.get(head + 1 + b));
            }
        }
        Store after = durable ? reopen() : store();
        if (durable || headOrFault().isPresent()) {
            checkTruthful(after, calls, threw);
        }
    }

    /** The journal head, or empty if the handle reports a fault (an earlier interrupt may have broken it). */
    private Optional<Long> headOrFault() {
        try {
            return Optional.of(store().journalHead(STREAM));
        } catch (StoreException fault) {
            return Optional.empty();
        }
    }

    private void checkTruthful(Store after, int calls, int threw) {
        long head = after.journalHead(STREAM);
        String context = calls + " interrupted calls (" + threw + " threw, " + acknowledged.size()
                + " batches acknowledged), head now " + head;
        List<Entry> entries = read(after, STREAM, 1, Long.MAX_VALUE, Integer.MAX_VALUE);
        assertEquals(range(1, head), entries.stream().map(Entry::sequence).toList(), context + ": sequences");
        for (Entry e : entries) {
            assertEquals(sent.get(e.sequence()), text(e.payload()), context + ": payload of " + e.sequence());
        }
        acknowledged.forEach((sequence, payload) -> {
            assertTrue(sequence <= head, context + ": sequence " + sequence + " was reported committed but is gone");
            assertEquals(payload, sent.get(sequence), context + ": sequence " + sequence + " was reported committed"
                    + " with this payload, then written again by a later call that found it missing");
        });
        for (long sequence : sent.keySet()) {
            Optional<String> record = after.getRecord(NAMESPACE, RecordKey.ofLong(sequence)).map(TckGroup::text);
            assertEquals(sequence <= head ? Optional.of(sent.get(sequence)) : Optional.empty(), record,
                    context + ": the record written in one batch with sequence " + sequence);
        }
    }
}
