package dev.steadfast.session;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How much of a journal to keep. A policy names the last sequence it would remove ({@link #wanted}); what is
 * really removed ({@link #cut}) never reaches past the oldest snapshot still kept for the journal, so that recovery
 * (and its fallback to an older snapshot when the newest cannot be read) always finds every event after the
 * snapshot it starts from. Truncation removes a prefix only: the journal's head and the sequences of the entries
 * kept never change.
 *
 * <p>Sessions apply their policy ({@link SessionOptions#retention()}) inside the guarded batch that writes a
 * checkpoint; {@code dev.steadfast.lifecycle.Compaction} applies policies per stream prefix as an explicit step.
 */
public sealed interface RetentionPolicy {

    /** {@return a policy keeping the whole journal: the default} */
    static RetentionPolicy keepAll() {
        return new KeepAll();
    }

    /**
     * Keeps the events after the {@code count}-th newest snapshot (after the oldest one while fewer are kept).
     *
     * @param count snapshots whose events are kept, {@code >= 1}
     * @return the policy
     * @throws IllegalArgumentException if {@code count < 1}
     */
    static RetentionPolicy afterSnapshot(int count) {
        return new KeepSnapshots(count);
    }

    /**
     * Keeps the events newer than {@code age}: removes those a snapshot taken at least {@code age} ago covers.
     *
     * @param age positive; measured on the clock that stamped the snapshots
     * @return the policy
     * @throws IllegalArgumentException if {@code age} is not positive
     */
    static RetentionPolicy newerThan(Duration age) {
        return new MaxAge(age);
    }

    /**
     * Keeps at most the {@code count} newest entries (more while a kept snapshot still needs them).
     *
     * @param count entries to keep, {@code >= 0}
     * @return the policy
     * @throws IllegalArgumentException if {@code count < 0}
     */
    static RetentionPolicy atMost(long count) {
        return new MaxEntries(count);
    }

    /**
     * The last sequence this policy would remove, 0 for none.
     *
     * @param head        the journal's head
     * @param newestFirst the journal's checkpoints, newest first: its kept snapshots, and for {@link MaxAge} the
     *                    times of older checkpoints (empty when it has none)
     * @param nowMs       the time now, on the clock that stamped the checkpoints
     * @return the highest sequence the policy alone would remove; may exceed what is safe, see {@link #cut}
     */
    long wanted(long head, List<SnapshotMark> newestFirst, long nowMs);

    /**
     * The last sequence to remove: {@link #wanted}, but never past the oldest kept snapshot and never past the head.
     * With {@code needsSnapshot} (a session's journal, which recovery replays from a snapshot) a journal without a
     * kept snapshot keeps everything.
     *
     * @param head          the journal's head
     * @param newestFirst   the journal's checkpoints, newest first, as for {@link #wanted}
     * @param nowMs         the time now, on the clock that stamped the checkpoints
     * @param needsSnapshot whether recovery of this journal starts from a snapshot
     * @return the last sequence to remove, 0 for none; never above {@code head}
     */
    default long cut(long head, List<SnapshotMark> newestFirst, long nowMs, boolean needsSnapshot) {
        Objects.requireNonNull(newestFirst, "newestFirst");
        long cut = Math.min(Math.max(0, wanted(head, newestFirst, nowMs)), head);
        List<SnapshotMark> kept = kept(newestFirst);
        if (!kept.isEmpty()) {
            return Math.min(cut, kept.get(kept.size() - 1).sequence());
        }
        return needsSnapshot ? 0 : cut;
    }

    private static List<SnapshotMark> kept(List<SnapshotMark> marks) {
        return marks.stream().filter(SnapshotMark::kept).toList();
    }

    /** Keeps everything. */
    record KeepAll() implements RetentionPolicy {
        @Override
        public long wanted(long head, List<SnapshotMark> newestFirst, long nowMs) {
            return 0;
        }
    }

    /**
     * Keeps the events after the {@code count}-th newest snapshot, or after the oldest while fewer are kept.
     *
     * @param count {@code >= 1}
     */
    record KeepSnapshots(int count) implements RetentionPolicy {
        /**
         * Checks the components.
         *
         * @param count {@code >= 1}
         * @throws IllegalArgumentException if {@code count < 1}
         */
        public KeepSnapshots {
            if (count < 1) {
                throw new IllegalArgumentException("retention: snapshots to keep events after must be >= 1, was "
                        + count);
            }
        }

        @Override
        public long wanted(long head, List<SnapshotMark> newestFirst, long nowMs) {
            List<SnapshotMark> kept = kept(newestFirst);
            return kept.isEmpty() ? 0 : kept.get(Math.min(count, kept.size()) - 1).sequence();
        }
    }

    /**
     * Keeps the events newer than {@code age}. Journal entries carry no time, so age is judged by checkpoints:
     * events a snapshot taken at least {@code age} ago covered are older than {@code age}. A session under this
     * policy records the time of each checkpoint beside its snapshot (until the events it dates are removed), so
     * that checkpoints whose snapshots are no longer kept still date the journal. Another journal is dated by its
     * entries, when the compaction is told how to read their time ({@code dev.steadfast.lifecycle.EntryTime}); a
     * compaction refuses an age rule over a journal it cannot date.
     *
     * @param age positive
     */
    record MaxAge(Duration age) implements RetentionPolicy {
        /**
         * Checks the components.
         *
         * @param age positive
         * @throws IllegalArgumentException if {@code age} is not positive
         */
        public MaxAge {
            Objects.requireNonNull(age, "age");
            if (age.isZero() || age.isNegative()) {
                throw new IllegalArgumentException("retention: age must be positive, was " + age);
            }
        }

        @Override
        public long wanted(long head, List<SnapshotMark> newestFirst, long nowMs) {
            for (SnapshotMark mark : newestFirst) {
                if (isOld(mark.takenAtMs(), nowMs)) {
                    return mark.sequence();
                }
            }
            return 0;
        }

        /**
         * Whether something written at a time is older than this policy's age at another.
         *
         * @param atMs  when it was written, in milliseconds, or -1 for unknown (never old)
         * @param nowMs the time to judge at, on the same clock
         * @return true when {@code atMs} is known and at least the age before {@code nowMs}
         */
        public boolean isOld(long atMs, long nowMs) {
            return atMs >= 0 && atMs <= nowMs - age.toMillis();
        }
    }

    /**
     * Keeps at most the {@code count} newest entries, more while the oldest kept snapshot needs them.
     *
     * @param count {@code >= 0}
     */
    record MaxEntries(long count) implements RetentionPolicy {
        /**
         * Checks the components.
         *
         * @param count {@code >= 0}
         * @throws IllegalArgumentException if {@code count < 0}
         */
        public MaxEntries {
            if (count < 0) {
                throw new IllegalArgumentException("retention: entries to keep must be >= 0, was " + count);
            }
        }

        @Override
        public long wanted(long head, List<SnapshotMark> newestFirst, long nowMs) {
            return head - count;
        }
    }
}
