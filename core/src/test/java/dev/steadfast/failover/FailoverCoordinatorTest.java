package dev.steadfast.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The reference system's six scripted cases, with its numbers, on a manual clock ticking 10 ms per poll. */
class FailoverCoordinatorTest {
    private static final FailoverNode N1 = new FailoverNode("n1", "inproc:n1", "us-east");
    private static final FailoverNode N2 = new FailoverNode("n2", "inproc:n2", "us-west");

    private final ManualClock clock = new ManualClock();
    private final FailoverCoordinator coordinator = new FailoverCoordinator(clock, Duration.ofMillis(10));

    static FailoverRequest request(FailoverMode mode, long hint) {
        return new FailoverRequest(N1, N2, 4, hint, mode);
    }

    static FailoverMode coordinated(long millis) {
        return new FailoverMode.Coordinated(Duration.ofMillis(millis));
    }

    static FailoverMode force(long millis) {
        return new FailoverMode.Force(Duration.ofMillis(millis));
    }

    @Test
    @DisplayName("fast path hands over without waiting when the target already caught up")
    void fastPathHandsOverWithoutWaitingWhenTargetAlreadyCaughtUp() {
        ScriptedCluster cluster = new ScriptedCluster(100);

        FailoverOutcome outcome = assertInstanceOf(FailoverOutcome.class,
                coordinator.run(request(coordinated(5000), 100), cluster));

        assertTrue(cluster.froze, "writes must be paused even on the fast path");
        assertEquals(5L, cluster.promotedTerm);
        assertFalse(cluster.resumed);
        assertEquals(Duration.ZERO, outcome.waited());
        assertEquals(List.of("freeze", "promote", "demote"), cluster.calls, "no poll on the fast path");
        assertTrue(outcome.isZeroRpo());
        assertEquals(0, outcome.skippedLsn());
    }

    @Test
    @DisplayName("coordinated waits, then hands over when the target catches up 60 -> 80 -> 100")
    void coordinatedWaitsThenHandsOverWhenTargetCatchesUp() {
        ScriptedCluster cluster = new ScriptedCluster(100, 60, 80, 100);

        FailoverOutcome outcome = assertInstanceOf(FailoverOutcome.class,
                coordinator.run(request(coordinated(5000), 50), cluster));

        assertEquals(5L, cluster.promotedTerm);
        assertEquals(5L, cluster.demotedTerm);
        assertFalse(cluster.resumed);
        assertEquals(5, outcome.newTerm());
        assertEquals(100, outcome.frontierLsn());
        assertEquals(100, outcome.reachedLsn());
        assertTrue(outcome.isZeroRpo());
        assertFalse(outcome.forced());
        assertEquals(Duration.ofMillis(30), outcome.waited());
        assertEquals(new NodeRole.Primary(5), outcome.roles().newPrimary());
        assertEquals(new NodeRole.Replica("inproc:n2", 5), outcome.roles().oldPrimary());
    }

    @Test
    @DisplayName("coordinated aborts and resumes writes when the target stalls at 70 past the 50 ms deadline")
    void coordinatedAbortsAndResumesWhenTargetNeverCatchesUp() {
        ScriptedCluster cluster = new ScriptedCluster(100, 60, 65, 70);

        CatchUpTimedOut timedOut = assertInstanceOf(CatchUpTimedOut.class,
                coordinator.run(request(coordinated(50), 50), cluster));

        assertTrue(cluster.resumed, "writes must resume on the old primary");
        assertNull(cluster.promotedTerm, "no term handed over on abort");
        assertNull(cluster.demotedTerm);
        assertEquals(100, timedOut.frontierLsn());
        assertEquals(70, timedOut.reachedLsn());
        assertEquals(Duration.ofMillis(50), timedOut.waited());
        assertEquals(5, cluster.calls.stream().filter("poll"::equals).count(), "5 polls at 10 ms fill 50 ms");
    }

    @Test
    @DisplayName("force completes within its timeout and reports the skipped catch-up (100 - 70 = 30)")
    void forceCompletesWithinTimeoutSurfacingSkippedCatchUp() {
        ScriptedCluster cluster = new ScriptedCluster(100, 60, 65, 70);

        FailoverOutcome outcome = assertInstanceOf(FailoverOutcome.class,
                coordinator.run(request(force(50), 50), cluster));

        assertFalse(cluster.resumed, "a forced handover does not abort");
        assertEquals(5L, cluster.promotedTerm);
        assertTrue(outcome.forced());
        assertEquals(100, outcome.frontierLsn());
        assertEquals(70, outcome.reachedLsn());
        assertEquals(30, outcome.skippedLsn());
        assertFalse(outcome.isZeroRpo());
        assertTrue(outcome.waited().compareTo(Duration.ofMillis(60)) <= 0, "within the timeout window");
        assertEquals(new NodeRole.Primary(5), outcome.roles().newPrimary());
    }

    @Test
    @DisplayName("force still takes the fast path when the hint (120) covers the frontier")
    void forceStillTakesFastPathWhenTargetAlreadyCaughtUp() {
        ScriptedCluster cluster = new ScriptedCluster(100);

        FailoverOutcome outcome = assertInstanceOf(FailoverOutcome.class,
                coordinator.run(request(force(50), 120), cluster));

        assertFalse(outcome.forced(), "no force needed when already caught up");
        assertEquals(0, outcome.skippedLsn());
        assertEquals(100, outcome.reachedLsn(), "the fast path reports the frontier as reached");
        assertEquals(Duration.ZERO, outcome.waited());
        assertTrue(cluster.froze, "the fast path freezes too");
        assertTrue(outcome.isZeroRpo());
    }

    @Test
    @DisplayName("force that catches up in time (90 -> 100) skips nothing")
    void forceThatCatchesUpInTimeSkipsNothing() {
        ScriptedCluster cluster = new ScriptedCluster(100, 90, 100);

        FailoverOutcome outcome = assertInstanceOf(FailoverOutcome.class,
                coordinator.run(request(force(5000), 50), cluster));

        assertFalse(outcome.forced());
        assertEquals(0, outcome.skippedLsn());
        assertEquals(Duration.ofMillis(20), outcome.waited());
        assertTrue(outcome.isZeroRpo());
    }
}
