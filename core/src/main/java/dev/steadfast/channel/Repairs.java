package dev.steadfast.channel;

/** Checks shared by the two repair entries. */
final class Repairs {
    private Repairs() {
    }

    static void requireDeadline(String messageId, long deadlineMillis) {
        if (deadlineMillis < 0) {
            throw new IllegalArgumentException("repair deadline of message '" + messageId
                    + "' must be >= 0 epoch millis, was " + deadlineMillis);
        }
    }
}
