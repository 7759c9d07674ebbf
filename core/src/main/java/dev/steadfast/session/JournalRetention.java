package dev.steadfast.session;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.WriteBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Applies a session's {@link RetentionPolicy} inside the batch that writes a checkpoint, under the same fence
 * guard as the events: a journal is never truncated by a write the owner did not make.
 */
final class JournalRetention {
    /**
     * The most entries one checkpoint removes: a policy newly set on a long journal drains it over several
     * checkpoints (or one {@code steadfast compact}) instead of making one owner's write delete millions of rows.
     */
    static final int MAX_REMOVED_PER_BATCH = 4096;

    private JournalRetention() {
    }

    /**
     * Adds the truncation the policy asks for to {@code batch}, which appends up to {@code head} and writes a
     * snapshot of it taken at {@code nowMs}.
     *
     * @param storedHead the head in the store before the batch
     * @param kept       the sequences of the kept snapshots once the batch applies, newest first
     */
    static void apply(SessionContext<?, ?> ctx, WriteBatch.Builder batch, long storedHead, long head, List<Long> kept,
                      long nowMs) {
        RetentionPolicy policy = ctx.options().retentionInEffect();
        if (policy instanceof RetentionPolicy.KeepAll || head == 0) {
            return;
        }
        List<SnapshotMark> marks = new ArrayList<>(kept.size());
        for (long sequence : kept) {
            marks.add(new SnapshotMark(sequence, sequence == head ? nowMs : takenAt(ctx, policy, sequence)));
        }
        long first = storedHead + 1;
        try (Stream<Entry> oldest = ctx.store().readJournal(ctx.stream(), 1, storedHead, 1)) {
            first = oldest.findFirst().map(Entry::sequence).orElse(first);
        }
        long cut = Math.min(policy.cut(head, marks, nowMs, true), first - 1 + MAX_REMOVED_PER_BATCH);
        if (cut >= first) {
            batch.truncate(ctx.stream(), cut);
        }
    }

    private static long takenAt(SessionContext<?, ?> ctx, RetentionPolicy policy, long sequence) {
        if (!(policy instanceof RetentionPolicy.MaxAge)) {
            return -1; // only age needs the time, which costs reading the snapshot
        }
        String key = SnapshotHistory.key(ctx, sequence);
        return ctx.store().loadSnapshot(key).map(s -> SnapshotHistory.takenAt(key, s.payload())).orElse(-1L);
    }
}
