package dev.steadfast.failover;

import static dev.steadfast.failover.FailoverCoordinatorTest.coordinated;
import static dev.steadfast.failover.FailoverCoordinatorTest.force;
import static dev.steadfast.failover.FailoverCoordinatorTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.failover.FailoverFailed.NodeState;
import dev.steadfast.failover.FailoverFailed.Step;
import dev.steadfast.spi.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Faults injected after the freeze: writes resume, or the result says exactly where each node stands. */
class FailoverFaultTest {
    private final FailoverCoordinator coordinator =
            new FailoverCoordinator(new ManualClock(), Duration.ofMillis(10));

    @Test
    void aFaultWhilePollingResumesWritesOnTheOldPrimaryAndLeavesTheTargetUnchanged() {
        ScriptedCluster cluster = new ScriptedCluster(100, 60).failing("poll");

        FailoverFailed failed = assertInstanceOf(FailoverFailed.class,
                coordinator.run(request(coordinated(50), 50), cluster));

        assertTrue(cluster.resumed);
        assertNull(cluster.promotedTerm);
        assertEquals(Step.CATCH_UP, failed.step());
        assertEquals(NodeState.SERVING, failed.oldPrimary());
        assertEquals(NodeState.UNCHANGED, failed.target());
        assertEquals(100, failed.frontierLsn());
        assertTrue(failed.cause().contains("poll failed (injected)"), failed.cause());
    }

    @Test
    void aFailedFreezeIsUndoneByAResumeSoWritesAreNotStoppedUnseen() {
        ScriptedCluster cluster = new ScriptedCluster(100).failing("freeze");

        FailoverFailed failed = assertInstanceOf(FailoverFailed.class,
                coordinator.run(request(force(50), 100), cluster));

        assertEquals(Step.FREEZE, failed.step());
        assertEquals(NodeState.SERVING, failed.oldPrimary());
        assertEquals(-1, failed.frontierLsn());
        assertNull(cluster.promotedTerm);
    }

    @Test
    void aRefusedPromotionKeepsTheOldPrimaryFrozenAndSaysTheTargetIsUnknown() {
        ScriptedCluster cluster = new ScriptedCluster(100).failing("promote");

        FailoverFailed failed = assertInstanceOf(FailoverFailed.class,
                coordinator.run(request(coordinated(50), 100), cluster));

        assertEquals(Step.PROMOTE, failed.step());
        assertEquals(NodeState.FROZEN, failed.oldPrimary());
        assertEquals(NodeState.UNKNOWN, failed.target());
        assertFalse(cluster.resumed, "resuming could make two primaries once the target may hold the new term");
        assertTrue(failed.describe().contains("old primary FROZEN, target UNKNOWN"), failed.describe());
    }

    @Test
    void aFailedDemotionReportsTheTargetPrimaryAtTheNewTermAndTheOldOneFrozen() {
        ScriptedCluster cluster = new ScriptedCluster(100, 100).failing("demote");

        FailoverFailed failed = assertInstanceOf(FailoverFailed.class,
                coordinator.run(request(coordinated(50), 0), cluster));

        assertEquals(Step.DEMOTE, failed.step());
        assertEquals(5L, cluster.promotedTerm);
        assertEquals(NodeState.PRIMARY_AT_NEW_TERM, failed.target());
        assertEquals(NodeState.FROZEN, failed.oldPrimary());
    }

    @Test
    void aResumeThatFailsAfterTheDeadlineIsReportedNotSwallowed() {
        ScriptedCluster cluster = new ScriptedCluster(100, 70).failing("resume");

        FailoverFailed failed = assertInstanceOf(FailoverFailed.class,
                coordinator.run(request(coordinated(50), 50), cluster));

        assertEquals(Step.RESUME, failed.step());
        assertEquals(NodeState.FROZEN, failed.oldPrimary());
        assertEquals(NodeState.UNCHANGED, failed.target());
    }

    @Test
    void aPollFaultWhoseResumeAlsoFailsReportsTheOldPrimaryFrozenWithBothCauses() {
        ScriptedCluster cluster = new ScriptedCluster(100, 60) {
            @Override
            public long targetFrontier() {
                failing("resume");
                throw new IllegalStateException("target unreachable");
            }
        };

        FailoverFailed failed = assertInstanceOf(FailoverFailed.class,
                coordinator.run(request(coordinated(50), 50), cluster));

        assertEquals(NodeState.FROZEN, failed.oldPrimary());
        assertTrue(failed.cause().contains("target unreachable"), failed.cause());
        assertTrue(failed.cause().contains("resuming writes failed too"), failed.cause());
    }
}
