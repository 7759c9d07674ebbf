package dev.steadfast.session;

import dev.steadfast.spi.CorruptStoreException;

/**
 * A session whose newest snapshot cannot be used and whose journal no longer holds every event after the snapshot
 * it would fall back to: recovering would lose events, so it is refused rather than started from a wrong state.
 */
public final class SessionRecoveryException extends CorruptStoreException {
    /** Serialized with the exception: see {@link #snapshotKey()}. */
    private final String snapshotKey;
    /** Serialized with the exception: see {@link #sequence()}. */
    private final long sequence;
    /** Serialized with the exception: see {@link #firstMissing()}. */
    private final long firstMissing;

    SessionRecoveryException(String message, String snapshotKey, long sequence, long firstMissing) {
        super(message);
        this.snapshotKey = snapshotKey;
        this.sequence = sequence;
        this.firstMissing = firstMissing;
    }

    /** {@return the key of the snapshot recovery would have fallen back to ({@code ""}: the initial state)} */
    public String snapshotKey() {
        return snapshotKey;
    }

    /** {@return the journal sequence that snapshot covers} */
    public long sequence() {
        return sequence;
    }

    /** {@return the sequence of the first event after it that the journal no longer holds} */
    public long firstMissing() {
        return firstMissing;
    }
}
