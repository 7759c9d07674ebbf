package dev.steadfast.session;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.WriteBatch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Applies a session's {@link RetentionPolicy} inside the batch that writes a checkpoint, under the same fence
 * guard as the events: a journal is never truncated by a write the owner did not make. Under
 * {@link RetentionPolicy.MaxAge} the batch also records when the checkpoint was taken (namespace
 * {@code <session key>#checkpoint-times}, one record per checkpoint keyed by its sequence) and drops the times of
 * the events it removes.
 */
final class JournalRetention {
    /**
     * The most entries one checkpoint removes: a policy newly set on a long journal drains it over several
     * checkpoints (or one {@code steadfast compact}) instead of making one owner's write delete millions of rows.
     */
    static final int MAX_REMOVED_PER_BATCH = 4096;
    private static final String TIMES = "#checkpoint-times";

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
        boolean dated = policy instanceof RetentionPolicy.MaxAge;
        List<SnapshotMark> marks = new ArrayList<>();
        for (long sequence : kept) {
            marks.add(new SnapshotMark(sequence, sequence == head ? nowMs : dated ? keptTime(ctx, sequence) : -1,
                    true));
        }
        if (dated) {
            marks.addAll(times(ctx.store(), ctx.snapshotKey(), kept.get(kept.size() - 1)));
            batch.putRecord(namespace(ctx.snapshotKey()), key(head),
                    ByteBuffer.allocate(Long.BYTES).putLong(nowMs).array());
        }
        long first = storedHead + 1;
        try (Stream<Entry> oldest = ctx.store().readJournal(ctx.stream(), 1, storedHead, 1)) {
            first = oldest.findFirst().map(Entry::sequence).orElse(first);
        }
        long cut = Math.min(policy.cut(head, marks, nowMs, true), first - 1 + MAX_REMOVED_PER_BATCH);
        if (cut >= first) {
            batch.truncate(ctx.stream(), cut);
            if (dated) {
                for (SnapshotMark m : marks) {
                    if (!m.kept() && m.sequence() <= cut) {
                        batch.removeRecord(namespace(ctx.snapshotKey()), key(m.sequence()));
                    }
                }
            }
        }
    }

    /** The recorded times of checkpoints older than {@code before}, newest first, as marks of no kept snapshot. */
    static List<SnapshotMark> times(Store store, String snapshotKey, long before) {
        List<SnapshotMark> marks = new ArrayList<>();
        try (Stream<StoredRecord> records = store.scanRecords(namespace(snapshotKey),
                KeyRange.between(key(0), key(before)), Integer.MAX_VALUE)) {
            records.forEach(r -> marks.add(0, new SnapshotMark(
                    Long.parseLong(new String(r.key().bytes(), StandardCharsets.US_ASCII)),
                    ByteBuffer.wrap(r.value()).getLong(), false)));
        }
        return marks;
    }

    private static long keptTime(SessionContext<?, ?> ctx, long sequence) {
        String key = SnapshotHistory.key(ctx, sequence);
        return ctx.store().loadSnapshot(key).map(s -> SnapshotHistory.takenAt(key, s.payload())).orElse(-1L);
    }

    private static String namespace(String snapshotKey) {
        return snapshotKey + TIMES;
    }

    private static RecordKey key(long sequence) {
        return RecordKey.of(String.format("%019d", sequence));
    }
}
