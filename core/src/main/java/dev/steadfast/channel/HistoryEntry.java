package dev.steadfast.channel;

import java.util.Objects;

/**
 * A delivered message in a channel's history.
 *
 * @param position where it was inserted: each delivery takes the position after the newest entry's, so the
 *                 history's order is its insertion order, also across restarts and removals (the position of a
 *                 removed newest entry goes to the next delivery)
 * @param message  the message
 */
public record HistoryEntry(long position, Message message) {
    /**
     * Checks the components.
     *
     * @param position where it was inserted: each delivery takes the position after the newest entry's, so the
     *                 history's order is its insertion order, also across restarts and removals (the position of a
     *                 removed newest entry goes to the next delivery)
     * @param message  the message
     * @throws IllegalArgumentException if {@code position < 1}
     */
    public HistoryEntry {
        if (position < 1) {
            throw new IllegalArgumentException("history position must be >= 1, was " + position);
        }
        Objects.requireNonNull(message, "message");
    }
}
