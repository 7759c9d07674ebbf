package dev.steadfast.tck;

import static dev.steadfast.tck.TckGroup.bytes;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;

/**
 * The batches a killed writer commits, one per step, each a function of its step alone, so the parent can replay
 * them into a {@link ReferenceStore} and know the exact state after any step. Together they write every kind of
 * change: appends, truncations, snapshot puts and deletes, record puts and removals, dropped namespaces, fence
 * takeovers, renewals and releases at the same epoch. Every batch is guarded by the state the step before left
 * (expected journal head, fence epoch), so a store that lost or half-applied a step refuses the next one.
 */
final class CrashSteps {
    static final StreamId JOURNAL = StreamId.of("crash/journal");
    static final String FENCE = "crash/fence";
    static final String DROPPED = "crash/dropped";

    private CrashSteps() {
    }

    /** The batch of {@code step}, {@code >= 1}, written after steps {@code 1 .. step - 1}. */
    static WriteBatch batch(long step) {
        WriteBatch.Builder b = WriteBatch.builder()
                .append(JOURNAL, step - 1, bytes("entry " + step + " " + "x".repeat((int) (step % 40))))
                .putRecord("crash/ns" + step % 2, RecordKey.ofLong(step), bytes("record " + step))
                .putSnapshot("crash/snapshot" + step % 3, step, bytes("snapshot " + step));
        if (step > 3) {
            b.removeRecord("crash/ns" + (step - 3) % 2, RecordKey.ofLong(step - 3));
        }
        if (step % 4 == 0) {
            b.deleteSnapshot("crash/snapshot" + (step + 1) % 3);
        }
        if (step % 5 == 0) {
            b.truncate(JOURNAL, step - 3);
        }
        if (step % 7 == 0) {
            b.dropNamespace(DROPPED);
        } else {
            b.putRecord(DROPPED, RecordKey.ofLong(step), bytes("dropped at the next multiple of 7"));
        }
        // Odd steps take the fence over at a new epoch; even steps renew it at the same epoch, every sixth releases.
        long epoch = (step + 1) / 2;
        long expected = step % 2 == 1 ? epoch - 1 : epoch;
        long lease = step % 6 == 0 ? 0 : step * 1_000;
        return b.setFence(new Fence(FENCE, "owner-" + epoch, epoch, "token-" + step, lease), expected).build();
    }
}
