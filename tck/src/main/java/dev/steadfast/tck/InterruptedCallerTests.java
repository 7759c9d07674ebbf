package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A caller whose thread is interrupted (by {@code Future.cancel(true)} or an executor's {@code shutdownNow}) owns
 * that interrupt: its call may complete or throw a {@link StoreException}, and keeps the caller's interrupt status
 * set, but the store a whole process shares must not suffer for it. Every other thread, and the same thread's next
 * call, must still read and write, with no reopen in between, and nothing acknowledged may be lost. A backend that
 * passes the interrupt into interruptible I/O (an interrupted {@code FileChannel} closes) fails this.
 */
abstract class InterruptedCallerTests extends TckGroup {
    private static final StreamId STREAM = stream("interrupted-caller/s");
    private static final String NAMESPACE = "interrupted-caller/ns";
    private static final int ROUNDS = 3;

    private final NavigableMap<Long, String> acknowledged = new TreeMap<>();

    @Test
    @DisplayName("an interrupted caller's write fails at most itself: others and its next call still write")
    void anInterruptedWriteLeavesTheStoreUsableForEveryOtherCall() throws Exception {
        writeFromAnotherThread("first");
        for (int i = 0; i < ROUNDS; i++) {
            long head = store().journalHead(STREAM);
            String payload = "interrupted write " + i;
            Optional<WriteResult> result = interrupted("apply", () -> store().apply(batch(head, payload)));
            if (result.isPresent()) {
                assertEquals(WriteResult.committed(), result.get(), "a lone writer's interrupted apply at the head");
                acknowledged.put(head + 1, payload);
            }
            writeFromAnotherThread("another thread after interrupted write " + i);
            write("the next call after interrupted write " + i);
        }
        checkAcknowledged();
    }

    @Test
    @DisplayName("an interrupted caller's read fails at most itself: others and its next call still read and write")
    void anInterruptedReadLeavesTheStoreUsableForEveryOtherCall() throws Exception {
        writeFromAnotherThread("first");
        for (int i = 0; i < ROUNDS; i++) {
            long head = acknowledged.lastKey();
            interrupted("journalHead", () -> store().journalHead(STREAM))
                    .ifPresent(h -> assertEquals(head, h, "an interrupted journalHead"));
            interrupted("readJournal", () -> read(store(), STREAM, 1, Long.MAX_VALUE, Integer.MAX_VALUE))
                    .ifPresent(entries -> assertEquals(List.copyOf(acknowledged.values()),
                            entries.stream().map(e -> text(e.payload())).toList(), "an interrupted readJournal"));
            interrupted("getRecord", () -> store().getRecord(NAMESPACE, RecordKey.ofLong(head)))
                    .ifPresent(r -> assertEquals(acknowledged.get(head), r.map(TckGroup::text).orElse(null),
                            "an interrupted getRecord"));
            writeFromAnotherThread("another thread after interrupted reads " + i);
            write("the next call after interrupted reads " + i);
        }
        checkAcknowledged();
    }

    /**
     * Runs {@code call} on this thread with its interrupt status set, as a caller cancelled just before it called.
     * Returns the result, or empty if the call threw a {@link StoreException} (its own failure, allowed); checks
     * that the interrupt status was kept and clears it, so the calls that follow run uninterrupted.
     */
    private static <T> Optional<T> interrupted(String what, Supplier<T> call) {
        Thread.currentThread().interrupt();
        Optional<T> result;
        try {
            result = Optional.of(call.get());
        } catch (StoreException ownFailure) {
            result = Optional.empty();
        } catch (RuntimeException wrongKind) {
            Thread.interrupted();
            throw new AssertionError("an interrupted " + what + " failed with " + wrongKind + ", which is not a "
                    + "StoreException", wrongKind);
        }
        assertTrue(Thread.interrupted(), "an interrupted " + what + " (" + (result.isPresent() ? "returned"
                : "threw") + ") cleared its caller's interrupt status: the caller can no longer see it was cancelled");
        return result;
    }

    private WriteBatch batch(long head, String payload) {
        return WriteBatch.builder().append(STREAM, head, bytes(payload))
                .putRecord(NAMESPACE, RecordKey.ofLong(head + 1), bytes(payload)).build();
    }

    /** Writes at the head on this thread, which must succeed: the interrupt was an earlier call's. */
    private void write(String payload) {
        assertFalse(Thread.currentThread().isInterrupted(), "the test left the interrupt set");
        long head = store().journalHead(STREAM);
        commit(batch(head, payload));
        acknowledged.put(head + 1, payload);
    }

    private void writeFromAnotherThread(String payload) throws Exception {
        Threads.run(1, thread -> write(payload));
    }

    /** Everything acknowledged is there, in this handle and (for a durable store) after a reopen. */
    private void checkAcknowledged() {
        Store after = store().descriptor().durable() ? reopen() : store();
        List<Entry> entries = read(after, STREAM, 1, Long.MAX_VALUE, Integer.MAX_VALUE);
        assertEquals(List.copyOf(acknowledged.keySet()), entries.stream().map(Entry::sequence).toList(),
                "the sequences of a journal whose every write was acknowledged");
        for (Entry e : entries) {
            assertEquals(acknowledged.get(e.sequence()), text(e.payload()), "entry " + e.sequence());
            assertEquals(Optional.of(acknowledged.get(e.sequence())),
                    after.getRecord(NAMESPACE, RecordKey.ofLong(e.sequence())).map(TckGroup::text),
                    "the record written with entry " + e.sequence());
        }
    }
}
