package dev.steadfast.replication;

import static dev.steadfast.replication.ThreeNodes.failoverNode;
import static dev.steadfast.replication.ThreeNodes.order;
import static dev.steadfast.replication.ThreeNodes.orders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.failover.FailoverCoordinator;
import dev.steadfast.failover.FailoverFailed;
import dev.steadfast.failover.FailoverMode;
import dev.steadfast.failover.FailoverOutcome;
import dev.steadfast.failover.FailoverRequest;
import dev.steadfast.failover.FailoverResult;
import dev.steadfast.failover.LostPrimaryControl;
import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.testing.Stores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The coordinator's Force failover when the primary is gone and cannot be frozen, on {@code inproc:}. */
class LostPrimaryControlTest {
    /** Longer than the probe of the lost primary, which times out on the same clock. */
    private static final FailoverMode FORCE = new FailoverMode.Force(Duration.ofSeconds(1));

    /** n1 primary under replicas(1); n3 is cut off after 20 orders, so it lags n2 by the last 20. */
    private static List<String> writeFortyWithN3Lagging(ThreeNodes cluster) {
        ReplicationNode n1 = cluster.node("n1");
        List<String> acknowledged = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            if (i == 21) {
                cluster.network.partition("n1", "n3");
            }
            assertTrue(order(n1, "order " + i).acknowledged());
            acknowledged.add("order " + i);
        }
        cluster.network.isolate("n1").partition("n1", "coordinator"); // its machine is gone
        return acknowledged;
    }

    private static FailoverResult forceTo(ThreeNodes cluster, String target, String other) {
        FailoverRequest request = new FailoverRequest(failoverNode("n1"), failoverNode(target), 1, 0, FORCE);
        try (LostPrimaryControl control = new LostPrimaryControl(cluster.transport,
                Handshake.of(ThreeNodes.CLUSTER, "coordinator", 0), request, List.of(failoverNode(other)),
                ThreeNodes.TIMEOUT)) {
            return new FailoverCoordinator(cluster.clock, Duration.ofMillis(10)).run(request, control);
        }
    }

    private static FailoverOutcome outcome(FailoverResult result) {
        return assertInstanceOf(FailoverOutcome.class, result, result::describe);
    }

    @Test
    void aForcedFailoverToTheMostAdvancedSurvivorOfALostPrimaryKeepsEveryAcknowledgedWriteAndFencesTheOthers() {
        try (ThreeNodes cluster = new ThreeNodes(id -> Stores.open("memory:"), AckMode.replicas(1), 1)) {
            List<String> acknowledged = writeFortyWithN3Lagging(cluster);

            FailoverOutcome outcome = outcome(forceTo(cluster, "n2", "n3"));

            assertTrue(outcome.isZeroRpo(), outcome.describe());
            assertEquals(40, outcome.frontierLsn(), "the survivors' highest frontier");
            assertEquals(acknowledged, orders(cluster.node("n2")));
            assertEquals(Role.PRIMARY, cluster.node("n2").role());
            assertEquals(2, cluster.node("n3").term(), "the other survivor was told the new term at once");

            cluster.network.heal();
            assertFalse(order(cluster.node("n1"), "from the lost primary").acknowledged(),
                    "every survivor refuses the old term");
            assertTrue(order(cluster.node("n2"), "order 41").acknowledged());
        }
    }

    @Test
    void aForcedFailoverToALaggingSurvivorReportsAsSkippedWhatTheOtherSurvivorHeld() {
        try (ThreeNodes cluster = new ThreeNodes(id -> Stores.open("memory:"), AckMode.replicas(1), 2)) {
            writeFortyWithN3Lagging(cluster);

            FailoverOutcome outcome = outcome(forceTo(cluster, "n3", "n2"));

            assertTrue(outcome.forced());
            assertEquals(40, outcome.frontierLsn());
            assertEquals(20, outcome.reachedLsn());
            assertEquals(20, outcome.skippedLsn());
            assertEquals(new Divergence(21, 40, 2), cluster.node("n2").divergence().orElseThrow(),
                    "n2 names the acknowledged entries the new primary does not have");
        }
    }

    @Test
    void aPrimaryThatStillAnswersIsNotTreatedAsLostAndKeepsServing() {
        try (ThreeNodes cluster = new ThreeNodes(id -> Stores.open("memory:"), AckMode.replicas(1), 3)) {
            assertTrue(order(cluster.node("n1"), "order 1").acknowledged());

            FailoverFailed failed = assertInstanceOf(FailoverFailed.class, forceTo(cluster, "n2", "n3"));

            assertEquals(FailoverFailed.Step.FREEZE, failed.step());
            assertEquals(FailoverFailed.NodeState.SERVING, failed.oldPrimary());
            assertTrue(failed.cause().contains("'n1' answers"), failed.cause());
            assertEquals(Role.PRIMARY, cluster.node("n1").role());
            assertEquals(1, cluster.node("n2").term());
            assertTrue(order(cluster.node("n1"), "order 2").acknowledged());
        }
    }
}
