package dev.steadfast.internal;

/**
 * Chooses, group by group, how a committer's writers are woken: by the leader itself (fanout 0) or through a
 * {@link WakeChain}. One per {@link GroupCommitter}.
 *
 * <p>The chain is for a store that is not durable (in memory, or one that writes behind, such as H2 with a write
 * delay): a durable store's group waits for a sync, and larger groups that share it are worth more than a faster
 * hand-off. Measured (RESULTS.md, fifth pass): SQLite with 16 writers lost 16 % with the chain in 3 of 3 pairs,
 * while H2 at {@code WRITE_DELAY=500} gained 40 % and the in-memory store 100 %.
 */
final class WakePolicy {
    // 0: a leader wakes its group's writers itself; from 1: they wake one another (WakeChain). A system property
    // so that the two can be re-measured.
    static final int WAKE_FANOUT = Integer.getInteger("steadfast.gc.wakeFanout", 1);
    // Optionally the chain only while store calls are short (see chainFanout). Off by default (any call): on H2
    // the rule cost more than it kept (RESULTS.md, fifth pass: 3.96x Pekko with it, 4.47x without).
    private static final long CHAIN_MAX_CALL_NANOS = Long.getLong("steadfast.gc.chainMaxCallNanos",
            Long.MAX_VALUE);
    /** How many short store calls in a row turn the chain on; one long call turns it off again. */
    static final int SHORT_CALLS_FOR_CHAIN = 8;

    private final int fanout;
    private final long maxCallNanos;
    private volatile int shortCallsInARow; // capped at SHORT_CALLS_FOR_CHAIN; a heuristic, racy writes are fine

    private WakePolicy(int fanout, long maxCallNanos) {
        if (fanout < 0) {
            throw new IllegalArgumentException("wake fanout must be 0 (leader wakes all) or more, found " + fanout);
        }
        this.fanout = fanout;
        this.maxCallNanos = maxCallNanos;
    }

    /** As in production: the configured chain for a store that is not durable, the leader waking all otherwise. */
    static WakePolicy forStore(boolean durable) {
        return new WakePolicy(fanoutFor(durable, WAKE_FANOUT), CHAIN_MAX_CALL_NANOS);
    }

    /** For tests: a chain of {@code fanout} after every store call, or never for 0. */
    static WakePolicy always(int fanout) {
        return new WakePolicy(fanout, Long.MAX_VALUE);
    }

    /** @return the fanout for the next group, 0 for the leader waking every writer */
    int nextGroup() {
        return chainFanout(fanout, maxCallNanos, shortCallsInARow);
    }

    /** @param callNanos how long the group's store call took */
    void called(long callNanos) {
        shortCallsInARow = callNanos < maxCallNanos ? Math.min(shortCallsInARow + 1, SHORT_CALLS_FOR_CHAIN) : 0;
    }

    /**
     * @param durable    whether the store syncs each group ({@link dev.steadfast.spi.StoreDescriptor#durable()})
     * @param configured the fanout asked for
     * @return the fanout a store gets: 0 (the leader wakes all) for a durable store, else {@code configured}
     */
    static int fanoutFor(boolean durable, int configured) {
        return durable ? 0 : configured;
    }

    /**
     * How a group's writers are woken when the short-call rule is on: through a {@link WakeChain} of
     * {@code configured} fanout only while the store's calls are short ({@link #SHORT_CALLS_FOR_CHAIN} in a row
     * under the bound), otherwise (and before the first calls) by the leader. After a long call (a store that waits
     * for fsync) the next leader's gather wants the writers back all at once, and a chain returns them one after
     * another. A run of short calls rather than the last one, so that one odd short call of an fsync-bound store
     * does not hand the next group to a chain.
     *
     * @param configured        the fanout asked for, 0 for the leader waking every writer
     * @param maxCallNanos      a call is short below this; {@link Long#MAX_VALUE}: the chain after any call
     * @param shortCallsInARow  how many of the last calls in a row were short, capped at the run needed
     * @return the fanout for this group, 0 for the leader waking every writer
     */
    static int chainFanout(int configured, long maxCallNanos, int shortCallsInARow) {
        return shortCallsInARow >= SHORT_CALLS_FOR_CHAIN || maxCallNanos == Long.MAX_VALUE ? configured : 0;
    }
}
