package dev.steadfast.session;

import java.util.Objects;

/**
 * Which snapshot a recovery started from, and why.
 *
 * @param key      the snapshot's key, {@code ""} when recovery started from the initial state
 * @param sequence the journal sequence it covers, 0 for the initial state
 * @param reason   why: {@code "newest snapshot"}, {@code "no snapshot"}, or the fault that made newer ones unusable
 */
public record SnapshotChoice(String key, long sequence, String reason) {
    /**
     * Checks the parts.
     *
     * @param key      the snapshot's key, {@code ""} when recovery started from the initial state
     * @param sequence the journal sequence it covers, 0 for the initial state
     * @param reason   why: {@code "newest snapshot"}, {@code "no snapshot"}, or the fault that made newer ones
     *                 unusable
     */
    public SnapshotChoice {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@return true if a newer snapshot was skipped because it could not be read or decoded} */
    public boolean fellBack() {
        return reason.startsWith("fell back");
    }
}
