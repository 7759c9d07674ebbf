package dev.steadfast.channel;

import dev.steadfast.spi.Names;
import java.util.Objects;

/**
 * A repair another member asked for that this side will answer, unless someone else answers first.
 *
 * @param messageId      the message asked for
 * @param cachedMessage  the encoded message to send back
 * @param deadlineMillis when to send the answer, absolute epoch millis; survives restarts unchanged
 */
public record IncomingRepair(String messageId, Bytes cachedMessage, long deadlineMillis) {
    /**
     * Checks the components.
     *
     * @param messageId      the message asked for
     * @param cachedMessage  the encoded message to send back
     * @param deadlineMillis when to send the answer, absolute epoch millis; survives restarts unchanged
     * @throws IllegalArgumentException if the id is invalid or the deadline negative
     */
    public IncomingRepair {
        Names.require("repaired message id", messageId);
        Objects.requireNonNull(cachedMessage, "cached message");
        Repairs.requireDeadline(messageId, deadlineMillis);
    }
}
