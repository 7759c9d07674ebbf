package dev.steadfast.channel;

import java.util.Objects;

/**
 * A delivered message in a channel's history.
 *
 * @param position where it was inserted: positions grow by one per delivery and are never reused, so the
 *                 history's order is its insertion order, also across restarts
 * @param message  the message
 */
public record HistoryEntry(long position, Message message) {
    /** @throws IllegalArgumentException if {@code position < 1} */
    public HistoryEntry {
        if (position < 1) {
            throw new IllegalArgumentException("history position must be >= 1, was " + position);
        }
        Objects.requireNonNull(message, "message");
    }
}
