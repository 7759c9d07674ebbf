package dev.steadfast.channel;

import java.util.Objects;

/**
 * A message this side sent and the other side has not acknowledged yet; it is resent until it is.
 *
 * @param message        the message
 * @param sentAtMillis   when it was last sent, epoch millis on the sender's clock
 * @param resendAttempts how many times it was sent again after the first time, {@code >= 0}
 */
public record Unacknowledged(Message message, long sentAtMillis, int resendAttempts) {
    /**
     * Checks the components.
     *
     * @param message        the message
     * @param sentAtMillis   when it was last sent, epoch millis on the sender's clock
     * @param resendAttempts how many times it was sent again after the first time, {@code >= 0}
     * @throws IllegalArgumentException if a count or time is negative
     */
    public Unacknowledged {
        Objects.requireNonNull(message, "message");
        if (sentAtMillis < 0) {
            throw new IllegalArgumentException("send time of message '" + message.id() + "' must be >= 0, was "
                    + sentAtMillis);
        }
        if (resendAttempts < 0) {
            throw new IllegalArgumentException("resend attempts of message '" + message.id()
                    + "' must be >= 0, was " + resendAttempts);
        }
    }
}
