package dev.steadfast;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Steadfast} coalesces concurrent writes into shared commits of the underlying store.
 *
 * <p>Writers that call {@code apply} while a commit is in flight queue up; the next commit takes the queue, up to
 * {@code maxBatches} batches and {@code maxBytes} payload bytes, in one {@code applyAll} call (one transaction and
 * one sync on a durable backend). With no linger there is no artificial wait: a lone writer commits at once, and
 * groups form only from writers that would have waited anyway. Durability is unchanged: a writer is told
 * {@code Committed} only after the commit holding its batch has returned, so only once it is durable.
 *
 * @param enabled    whether writes are grouped at all; when false every batch goes straight to the store
 * @param maxBatches the most batches in one commit, {@code >= 1}; a single {@code applyAll} call of a caller is
 *                   never split, so it may exceed this alone
 * @param maxBytes   the most payload bytes in one commit, {@code >= 1}; a single oversized unit still commits alone
 * @param maxLinger  how long a commit may wait for more writers before it starts, {@code >= 0} and at most one
 *                   second; {@link Duration#ZERO} (the default) never waits
 */
public record GroupCommitSettings(boolean enabled, int maxBatches, long maxBytes, Duration maxLinger) {
    /** The default {@link #maxBatches()}. */
    public static final int DEFAULT_MAX_BATCHES = 256;
    /** The default {@link #maxBytes()}: 16 MiB. */
    public static final long DEFAULT_MAX_BYTES = 16L << 20;

    private static final Duration MAX_LINGER = Duration.ofSeconds(1);

    /**
     * @throws IllegalArgumentException if a bound is below 1 or the linger is negative or above one second
     */
    public GroupCommitSettings {
        Objects.requireNonNull(maxLinger, "maxLinger");
        if (maxBatches < 1) {
            throw new IllegalArgumentException("group commit maxBatches must be >= 1, was " + maxBatches);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("group commit maxBytes must be >= 1, was " + maxBytes);
        }
        if (maxLinger.isNegative() || maxLinger.compareTo(MAX_LINGER) > 0) {
            throw new IllegalArgumentException(
                    "group commit maxLinger must be between 0 and " + MAX_LINGER + ", was " + maxLinger);
        }
    }

    /** Grouping on, 256 batches, 16 MiB, no linger. */
    public static GroupCommitSettings defaults() {
        return new GroupCommitSettings(true, DEFAULT_MAX_BATCHES, DEFAULT_MAX_BYTES, Duration.ZERO);
    }

    /** Grouping off: every batch is one {@code apply} call of the store, for comparison in benchmarks. */
    public static GroupCommitSettings disabled() {
        return new GroupCommitSettings(false, DEFAULT_MAX_BATCHES, DEFAULT_MAX_BYTES, Duration.ZERO);
    }

    /** These settings with {@link #maxBatches()} replaced. */
    public GroupCommitSettings withMaxBatches(int value) {
        return new GroupCommitSettings(enabled, value, maxBytes, maxLinger);
    }

    /** These settings with {@link #maxBytes()} replaced. */
    public GroupCommitSettings withMaxBytes(long value) {
        return new GroupCommitSettings(enabled, maxBatches, value, maxLinger);
    }

    /** These settings with {@link #maxLinger()} replaced. */
    public GroupCommitSettings withMaxLinger(Duration value) {
        return new GroupCommitSettings(enabled, maxBatches, maxBytes, value);
    }
}
