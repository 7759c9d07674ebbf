package dev.steadfast.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * When a new leader waits for the last group's writers to come back before it cuts its group, and when a leader
 * wakes its writers through a chain: both follow how long the last store call took.
 */
class GroupCommitGatherTest {
    private static final long GATHER = 50_000;
    private static final long MIN_CALL = 200_000;

    @Test
    void gathersAfterALongStoreCallWhileFewerBatchesAreQueuedThanTheLastGroupHad() {
        assertTrue(GroupCommitter.gathers(GATHER, MIN_CALL, 1_000_000, 3, 16));
        assertTrue(GroupCommitter.gathers(GATHER, MIN_CALL, MIN_CALL, 15, 16), "a call of exactly the minimum");
    }

    @Test
    void aShortStoreCallCutsTheNextGroupAtOnce() {
        assertFalse(GroupCommitter.gathers(GATHER, MIN_CALL, 122_000, 3, 16), "an H2 group at WRITE_DELAY=500");
        assertFalse(GroupCommitter.gathers(GATHER, MIN_CALL, MIN_CALL - 1, 3, 16));
    }

    @Test
    void neverGathersWhenTheLastGroupIsBackOrTheGatherIsOff() {
        assertFalse(GroupCommitter.gathers(GATHER, MIN_CALL, 1_000_000, 16, 16), "every writer is back");
        assertFalse(GroupCommitter.gathers(GATHER, MIN_CALL, 1_000_000, 1, 1), "a lone writer never waits");
        assertFalse(GroupCommitter.gathers(0, MIN_CALL, 1_000_000, 3, 16), "gather off");
    }

    @Test
    void writersAreWokenThroughAChainOnlyAfterARunOfShortStoreCalls() {
        int run = WakePolicy.SHORT_CALLS_FOR_CHAIN;
        assertEquals(1, WakePolicy.chainFanout(1, MIN_CALL, run), "H2 groups at WRITE_DELAY=500");
        assertEquals(0, WakePolicy.chainFanout(1, MIN_CALL, run - 1), "one short call too few");
        assertEquals(0, WakePolicy.chainFanout(2, MIN_CALL, 0), "after an fsync the leader wakes all");
        assertEquals(0, WakePolicy.chainFanout(0, MIN_CALL, run), "the chain is off");
        assertEquals(2, WakePolicy.chainFanout(2, Long.MAX_VALUE, 0), "after any call");
    }

    @Test
    void onlyAStoreThatIsNotDurableGetsTheChain() {
        assertEquals(0, WakePolicy.fanoutFor(true, 1), "SQLite, encrypted-file, PostgreSQL: larger groups win");
        assertEquals(1, WakePolicy.fanoutFor(false, 1), "in memory, H2 with a write delay");
        assertEquals(1, WakePolicy.WAKE_FANOUT, "the default");
    }

    @Test
    void aMinimumOfZeroGathersAfterEveryCallAsBefore() {
        assertTrue(GroupCommitter.gathers(GATHER, 0, 0, 3, 16));
    }
}
