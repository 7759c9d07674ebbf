package dev.steadfast.channel;

import dev.steadfast.spi.Names;
import java.util.Objects;

/**
 * A repair this side will request for a message it is missing, unless the message arrives first.
 *
 * @param messageId      the missing message
 * @param retrievalHint  where the message might be fetched from; may be empty
 * @param deadlineMillis when to send the request, absolute epoch millis; survives restarts unchanged
 */
public record OutgoingRepair(String messageId, Bytes retrievalHint, long deadlineMillis) {
    /**
     * Checks the components.
     *
     * @param messageId      the missing message
     * @param retrievalHint  where the message might be fetched from; may be empty
     * @param deadlineMillis when to send the request, absolute epoch millis; survives restarts unchanged
     * @throws IllegalArgumentException if the id is invalid or the deadline negative
     */
    public OutgoingRepair {
        Names.require("repaired message id", messageId);
        Objects.requireNonNull(retrievalHint, "retrieval hint");
        Repairs.requireDeadline(messageId, deadlineMillis);
    }
}
