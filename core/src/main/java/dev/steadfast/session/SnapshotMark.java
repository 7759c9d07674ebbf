package dev.steadfast.session;

/**
 * One checkpoint of a journal, as a {@link RetentionPolicy} sees it: a snapshot covering {@code sequence} was taken
 * at {@code takenAtMs}, and may still be kept.
 *
 * @param sequence  the journal sequence it covers
 * @param takenAtMs when it was taken, on the clock of the session that took it; -1 when unknown
 * @param kept      whether the snapshot is still stored, so recovery can start from it (a checkpoint whose snapshot
 *                  was since replaced only dates the events it covered)
 */
public record SnapshotMark(long sequence, long takenAtMs, boolean kept) {
    /**
     * Checks the components.
     *
     * @param sequence  the journal sequence it covers
     * @param takenAtMs when it was taken, on the clock of the session that took it; -1 when unknown
     * @param kept      whether the snapshot is still stored, so recovery can start from it (a checkpoint whose
     *                  snapshot was since replaced only dates the events it covered)
     * @throws IllegalArgumentException if {@code sequence < 0}
     */
    public SnapshotMark {
        if (sequence < 0) {
            throw new IllegalArgumentException("snapshot sequence must be >= 0, was " + sequence);
        }
    }
}
