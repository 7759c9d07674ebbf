package dev.steadfast.session;

/**
 * One kept snapshot of a journal, as a {@link RetentionPolicy} sees it.
 *
 * @param sequence  the journal sequence it covers
 * @param takenAtMs when it was taken, on the clock of the session that took it; -1 when unknown
 */
public record SnapshotMark(long sequence, long takenAtMs) {
    /** @throws IllegalArgumentException if {@code sequence < 0} */
    public SnapshotMark {
        if (sequence < 0) {
            throw new IllegalArgumentException("snapshot sequence must be >= 0, was " + sequence);
        }
    }
}
