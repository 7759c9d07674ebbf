package dev.steadfast.channel;

/**
 * How channels are kept.
 *
 * @param historyCap the most delivered messages a channel's history holds, {@code >= 1}; delivering one more
 *                   evicts the oldest first (FIFO), in the same atomic step, so the history never exceeds it
 */
public record ChannelOptions(int historyCap) {
    /** The default {@link #historyCap()}. */
    public static final int DEFAULT_HISTORY_CAP = 1000;

    /**
     * Checks the components.
     *
     * @param historyCap the most delivered messages a channel's history holds, {@code >= 1}; delivering one more
     *                   evicts the oldest first (FIFO), in the same atomic step, so the history never exceeds it
     * @throws IllegalArgumentException if {@code historyCap < 1}
     */
    public ChannelOptions {
        if (historyCap < 1) {
            throw new IllegalArgumentException("channel history cap must be >= 1, was " + historyCap);
        }
    }

    /** {@return options with a history cap of {@value #DEFAULT_HISTORY_CAP}} */
    public static ChannelOptions defaults() {
        return new ChannelOptions(DEFAULT_HISTORY_CAP);
    }
}
