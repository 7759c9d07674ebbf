package dev.steadfast.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * One journal entry as read back from a store.
 *
 * <p>The payload array is handed over, not copied: treat it as read-only.
 *
 * @param stream   the journal it belongs to
 * @param sequence its position, starting at 1 and contiguous within the stream
 * @param payload  the bytes appended
 */
public record Entry(StreamId stream, long sequence, byte[] payload) {
    /**
     * Checks the fields; a store builds entries only from what it committed.
     *
     * @param stream   the journal it belongs to
     * @param sequence its position, {@code >= 1}
     * @param payload  the bytes appended, not copied
     * @throws IllegalArgumentException if {@code sequence < 1}
     */
    public Entry {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(payload, "payload");
        if (sequence < 1) {
            throw new IllegalArgumentException("entry sequence must be >= 1, was " + sequence);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Entry e && e.sequence == sequence && e.stream.equals(stream)
                && Arrays.equals(e.payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stream, sequence, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "Entry[" + stream + "#" + sequence + ", " + payload.length + " bytes]";
    }
}
