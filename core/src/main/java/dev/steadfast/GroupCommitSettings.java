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
 * <p>By default one commit is in flight at a time, which is all a single-writer store can use (SQLite, the
 * encrypted file, memory): a second concurrent commit would only queue inside the store, and the groups would
 * shrink. A store that is a server with its own concurrency control (it reports
 * {@code sharedAcrossProcesses}, e.g. PostgreSQL) can make several transactions durable together, so
 * {@link #withMaxGroupsInFlight(int)} lets up to that many leaders commit disjoint groups at once. Batches in
 * different groups then have no order between them, exactly as between any two concurrent callers; a caller's
 * own batches are never split, and a caller that waits for its result before writing again still sees its writes
 * in order.
 *
 * @param enabled    whether writes are grouped at all; when false every batch goes straight to the store
 * @param maxBatches the most batches in one commit, {@code >= 1}; a single {@code applyAll} call of a caller is
 *                   never split, so it may exceed this alone
 * @param maxBytes   the most payload bytes in one commit, {@code >= 1}; a single oversized unit still commits alone
 * @param maxLinger  how long a commit may wait for more writers before it starts, {@code >= 0} and at most one
 *                   second; {@link Duration#ZERO} (the default) never waits; each leader lingers on its own
 * @param maxGroupsInFlight how many commits may run at once, between 1 (the default) and
 *                   {@value #MAX_GROUPS_IN_FLIGHT}
 */
public record GroupCommitSettings(
        boolean enabled, int maxBatches, long maxBytes, Duration maxLinger, int maxGroupsInFlight) {
    /** The default {@link #maxBatches()}. */
    public static final int DEFAULT_MAX_BATCHES = 256;
    /** The default {@link #maxBytes()}: 16 MiB. */
    public static final long DEFAULT_MAX_BYTES = 16L << 20;

    /** The largest {@link #maxGroupsInFlight()} accepted; more would only queue inside any real store. */
    public static final int MAX_GROUPS_IN_FLIGHT = 64;

    private static final Duration MAX_LINGER = Duration.ofSeconds(1);

    /**
     * Checks the bounds.
     *
     * @param enabled           whether writes are grouped at all
     * @param maxBatches        the most batches in one commit, {@code >= 1}
     * @param maxBytes          the most payload bytes in one commit, {@code >= 1}
     * @param maxLinger         how long a commit may wait for more writers, 0 to 1 second
     * @param maxGroupsInFlight how many commits may run at once, 1..{@value #MAX_GROUPS_IN_FLIGHT}
     * @throws IllegalArgumentException if a bound is below 1, the linger is negative or above one second, or
     *                                  {@code maxGroupsInFlight} is outside 1..{@value #MAX_GROUPS_IN_FLIGHT}
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
        if (maxGroupsInFlight < 1 || maxGroupsInFlight > MAX_GROUPS_IN_FLIGHT) {
            throw new IllegalArgumentException("group commit maxGroupsInFlight must be between 1 and "
                    + MAX_GROUPS_IN_FLIGHT + ", was " + maxGroupsInFlight);
        }
    }

    /**
     * Settings with one group in flight, as before {@link #maxGroupsInFlight()} existed.
     *
     * @param enabled    whether writes are grouped at all
     * @param maxBatches the most batches in one commit, {@code >= 1}
     * @param maxBytes   the most payload bytes in one commit, {@code >= 1}
     * @param maxLinger  how long a commit may wait for more writers, 0 to 1 second
     * @throws IllegalArgumentException as the canonical constructor
     */
    public GroupCommitSettings(boolean enabled, int maxBatches, long maxBytes, Duration maxLinger) {
        this(enabled, maxBatches, maxBytes, maxLinger, 1);
    }

    /** {@return grouping on, 256 batches, 16 MiB, no linger, one group in flight} */
    public static GroupCommitSettings defaults() {
        return new GroupCommitSettings(true, DEFAULT_MAX_BATCHES, DEFAULT_MAX_BYTES, Duration.ZERO);
    }

    /** {@return grouping off: every batch is one {@code apply} call of the store, for comparison in benchmarks} */
    public static GroupCommitSettings disabled() {
        return new GroupCommitSettings(false, DEFAULT_MAX_BATCHES, DEFAULT_MAX_BYTES, Duration.ZERO);
    }

    /**
     * {@return these settings with {@link #maxBatches()} replaced}
     *
     * @param value the most batches in one commit, {@code >= 1}
     * @throws IllegalArgumentException if {@code value} is below 1
     */
    public GroupCommitSettings withMaxBatches(int value) {
        return new GroupCommitSettings(enabled, value, maxBytes, maxLinger, maxGroupsInFlight);
    }

    /**
     * {@return these settings with {@link #maxBytes()} replaced}
     *
     * @param value the most payload bytes in one commit, {@code >= 1}
     * @throws IllegalArgumentException if {@code value} is below 1
     */
    public GroupCommitSettings withMaxBytes(long value) {
        return new GroupCommitSettings(enabled, maxBatches, value, maxLinger, maxGroupsInFlight);
    }

    /**
     * {@return these settings with {@link #maxLinger()} replaced}
     *
     * @param value how long a commit may wait for more writers, 0 to 1 second; each leader lingers on its own
     * @throws IllegalArgumentException if {@code value} is negative or above one second
     */
    public GroupCommitSettings withMaxLinger(Duration value) {
        return new GroupCommitSettings(enabled, maxBatches, maxBytes, value, maxGroupsInFlight);
    }

    /**
     * These settings with {@link #maxGroupsInFlight()} replaced: up to {@code value} groups commit at once. Worth
     * more than 1 only for a store that is a server with its own concurrency control (PostgreSQL); a
     * single-writer store serialises the commits anyway and only gets smaller groups.
     *
     * @param value how many commits may run at once
     * @return a copy with only that bound changed

     * @throws IllegalArgumentException if {@code value} is outside 1..{@value #MAX_GROUPS_IN_FLIGHT}
     */
    public GroupCommitSettings withMaxGroupsInFlight(int value) {
        return new GroupCommitSettings(enabled, maxBatches, maxBytes, maxLinger, value);
    }
}
