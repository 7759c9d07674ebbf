package dev.steadfast.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * The latest state saved under a key, stamped with the journal sequence it covers.
 *
 * <p>The payload array is handed over, not copied: treat it as read-only.
 *
 * @param key             the snapshot's key; follows the rules of {@link Names}
 * @param coveredSequence the last journal sequence folded into this state, 0 when it covers none
 * @param payload         the state's bytes
 */
public record Snapshot(String key, long coveredSequence, byte[] payload) {
    /**
     * Checks the key and the covered sequence.
     *
     * @param key             the snapshot's key, a valid {@link Names name}
     * @param coveredSequence the last journal sequence folded into the state, {@code >= 0}
     * @param payload         the state's bytes, not copied
     * @throws IllegalArgumentException if the key is invalid or {@code coveredSequence < 0}
     */
    public Snapshot {
        Names.require("snapshot key", key);
        Objects.requireNonNull(payload, "snapshot payload");
        if (coveredSequence < 0) {
            throw new IllegalArgumentException("snapshot covered sequence must be >= 0, was " + coveredSequence);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Snapshot s && s.coveredSequence == coveredSequence && s.key.equals(key)
                && Arrays.equals(s.payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, coveredSequence, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "Snapshot[" + key + " @" + coveredSequence + ", " + payload.length + " bytes]";
    }
}
