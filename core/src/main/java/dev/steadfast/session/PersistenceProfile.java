package dev.steadfast.session;

/**
 * How a session persists its events.
 *
 * <ul>
 *   <li>{@link SnapshotOnly}: the state is snapshotted every {@code checkpointEvery} events and events are not
 *       journaled; events since the last snapshot are lost in a crash and counted as such.</li>
 *   <li>{@link JournalOnly}: every event is journaled; recovery replays the whole journal.</li>
 *   <li>{@link SnapshotJournal}: every event is journaled and the state snapshotted every
 *       {@code checkpointEvery} journal entries; recovery reads the snapshot and at most
 *       {@code checkpointEvery} entries after it, whatever the history's length. Optionally the journal prefix the
 *       oldest kept snapshot covers is pruned in the same batch (see {@link RetentionPolicy}).</li>
 * </ul>
 */
public sealed interface PersistenceProfile {

    /** {@return true if events are journaled, and so never lost once acknowledged} */
    boolean journaled();

    /**
     * {@return journal entries (or, for {@link SnapshotOnly}, events) between snapshots; 0 when never snapshotted}
     */
    int checkpointEvery();

    /**
     * Snapshots only; events since the last snapshot are lost in a crash, and counted.
     *
     * @param checkpointEvery events between snapshots, {@code >= 1}
     */
    record SnapshotOnly(int checkpointEvery) implements PersistenceProfile {
        /**
         * Checks the components.
         *
         * @param checkpointEvery events between snapshots, {@code >= 1}
         * @throws IllegalArgumentException if {@code checkpointEvery < 1}
         */
        public SnapshotOnly {
            requirePositive(checkpointEvery);
        }

        @Override
        public boolean journaled() {
            return false;
        }
    }

    /** Every event journaled, no snapshots. */
    record JournalOnly() implements PersistenceProfile {
        @Override
        public boolean journaled() {
            return true;
        }

        @Override
        public int checkpointEvery() {
            return 0;
        }
    }

    /**
     * Journal plus a snapshot every {@code checkpointEvery} entries.
     *
     * @param checkpointEvery entries between snapshots, {@code >= 1}
     * @param pruneJournal    whether each checkpoint truncates the journal prefix the oldest kept snapshot covers
     *                        (all that recovery, and its fallback to an older snapshot, can still need); finer
     *                        policies: {@link SessionOptions#withRetention}
     */
    record SnapshotJournal(int checkpointEvery, boolean pruneJournal) implements PersistenceProfile {
        /**
         * Checks the components.
         *
         * @param checkpointEvery entries between snapshots, {@code >= 1}
         * @param pruneJournal    whether each checkpoint truncates the journal prefix the oldest kept snapshot covers
         *                        (all that recovery, and its fallback to an older snapshot, can still need); finer
         *                        policies: {@link SessionOptions#withRetention}
         * @throws IllegalArgumentException if {@code checkpointEvery < 1}
         */
        public SnapshotJournal {
            requirePositive(checkpointEvery);
        }

        /**
         * Journal plus snapshots, keeping the whole journal.
         *
         * @param checkpointEvery entries between snapshots, {@code >= 1}
         * @throws IllegalArgumentException if {@code checkpointEvery < 1}
         */
        public SnapshotJournal(int checkpointEvery) {
            this(checkpointEvery, false);
        }

        @Override
        public boolean journaled() {
            return true;
        }
    }

    private static void requirePositive(int checkpointEvery) {
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery must be >= 1, was " + checkpointEvery);
        }
    }
}
