package dev.steadfast.replication;

import static dev.steadfast.replication.ThreeNodes.order;
import static dev.steadfast.replication.ThreeNodes.orders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.failover.FailoverMode;
import dev.steadfast.failover.FailoverOutcome;
import dev.steadfast.failover.LostPrimaryFailover;
import dev.steadfast.failover.LostPrimaryOutcome;
import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.testing.Backend;
import dev.steadfast.testing.Backends;
import dev.steadfast.testing.Stores;
import dev.steadfast.transport.Faults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Three nodes on {@code inproc:} with drops, duplicates, reordering and partitions. */
class ThreeNodeFailoverTest {
    @TempDir
    Path dir;

    private ThreeNodes cluster(String scheme, AckMode mode, long seed) {
        Backend backend = Backends.find(scheme).orElseThrow();
        return new ThreeNodes(id -> backend.open(dir.resolve(id)), mode, seed);
    }

    @Test
    void aPlannedFailoverUnderWriteLoadKeepsEveryAcknowledgedWriteOnTheNewPrimary() throws Exception {
        try (ThreeNodes cluster = cluster("memory", AckMode.replicas(1), 7)) {
            cluster.network.faults(Faults.onFrames(0.1, 0.05, 0.1, 0.1));
            ReplicationNode n1 = cluster.node("n1");
            List<String> acknowledged = new CopyOnWriteArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                for (int i = 1; !stop.get(); i++) {
                    WriteOutcome outcome = order(n1, "order " + i);
                    if (outcome.acknowledged()) {
                        acknowledged.add("order " + i);
                    } else if (outcome instanceof WriteOutcome.NotAccepted) {
                        return; // frozen for the handover: the writer would now look for the new primary
                    }
                }
            });
            writer.start();
            while (acknowledged.size() < 50) {
                Thread.onSpinWait();
                assertTrue(writer.isAlive(), "the writer stopped early");
            }

            FailoverOutcome outcome = assertInstanceOf(FailoverOutcome.class, cluster.failover(
                    cluster.request("n1", "n2", new FailoverMode.Coordinated(Duration.ofSeconds(600)))));
            stop.set(true);
            writer.join(TimeUnit.SECONDS.toMillis(30));

            assertTrue(outcome.isZeroRpo(), outcome.describe());
            ReplicationNode n2 = cluster.node("n2");
            Set<String> onNewPrimary = new HashSet<>(orders(n2));
            for (String order : acknowledged) {
                assertTrue(onNewPrimary.contains(order), order + " was acknowledged but is not on the new primary");
            }
            assertEquals(Role.PRIMARY, n2.role());
            assertEquals(2, n2.term());
            assertEquals(Role.REPLICA, n1.role());
            assertEquals(2, n1.term());
            assertEquals(outcome.frontierLsn(), n2.termHistory().start(2).orElseThrow().startLsn() - 1);

            cluster.network.faults(Faults.NONE);
            assertTrue(order(n2, "after the handover").acknowledged());
            ThreeNodes.replicateFully(n2, 2);
            assertEquals(orders(n2), orders(n1), "the old primary follows the new one");
            assertEquals(orders(n2), orders(cluster.node("n3")));
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"memory", "sqlite"})
    void aForcedFailoverToALaggingReplicaReportsAsSkippedExactlyTheAcknowledgedWritesItMisses(String scheme) {
        try (ThreeNodes cluster = cluster(scheme, AckMode.local(), 3)) {
            ReplicationNode n1 = cluster.node("n1");
            List<String> acknowledged = new ArrayList<>();
            for (int i = 1; i <= 100; i++) {
                if (i == 61) {
                    ThreeNodes.replicateFully(n1, 2);
                    cluster.network.partition("n1", "n2");
                }
                assertTrue(order(n1, "order " + i).acknowledged());
                acknowledged.add("order " + i);
            }
            n1.replicate();

            FailoverOutcome outcome = assertInstanceOf(FailoverOutcome.class, cluster.failover(
                    cluster.request("n1", "n2", new FailoverMode.Force(Duration.ofMillis(50)))));

            List<String> missing = new ArrayList<>(acknowledged);
            missing.removeAll(orders(cluster.node("n2")));
            assertTrue(outcome.forced());
            assertEquals(100, outcome.frontierLsn());
            assertEquals(60, outcome.reachedLsn());
            assertEquals(missing.size(), outcome.skippedLsn(), "skipped = acknowledged writes actually missing");
            assertEquals(new Divergence(61, 100, 2), n1.divergence().orElseThrow(),
                    "the demoted primary names the entries the new primary never had");
            assertEquals(Role.DIVERGED, n1.role());

            cluster.network.heal();
            ReplicationNode n2 = cluster.node("n2");
            assertTrue(order(n2, "first of term 2").acknowledged());
            n2.replicate();
            assertEquals(new Divergence(61, 100, 2), cluster.node("n3").divergence().orElseThrow(),
                    "n3 got the old primary's last 40 entries, which term 2 does not have");
        }
    }

    @Test
    void withReplicasOneAKilledPrimaryLosesNoAcknowledgedWriteAndItsLaterFramesAreRefused() {
        try (ThreeNodes cluster = cluster("sqlite", AckMode.replicas(1), 11)) {
            cluster.network.faults(Faults.onFrames(0.2, 0.1, 0.1, 0.2));
            ReplicationNode n1 = cluster.node("n1");
            List<String> acknowledged = new ArrayList<>();
            int unconfirmed = 0;
            for (int i = 1; i <= 120; i++) {
                if (i == 60) {
                    cluster.network.partition("n1", "n3"); // n3 falls behind; n2 carries the acks
                }
                WriteOutcome outcome = order(n1, "order " + i);
                if (outcome.acknowledged()) {
                    acknowledged.add("order " + i);
                } else {
                    unconfirmed++;
                }
            }
            assertTrue(acknowledged.size() > 60, "most writes acknowledged: " + acknowledged.size());

            cluster.network.isolate("n1"); // the primary's machine is gone
            cluster.network.faults(Faults.NONE);
            LostPrimaryOutcome outcome = LostPrimaryFailover.run(cluster.transport,
                    Handshake.of(ThreeNodes.CLUSTER, "coordinator", 0),
                    List.of(ThreeNodes.failoverNode("n2"), ThreeNodes.failoverNode("n3")), ThreeNodes.TIMEOUT);

            ReplicationNode promoted = cluster.node(outcome.newPrimary().id());
            List<String> missing = new ArrayList<>(acknowledged);
            missing.removeAll(orders(promoted));
            assertEquals(List.of(), missing, "acknowledged writes missing on the new primary ("
                    + unconfirmed + " writes were never acknowledged)");
            assertEquals(2, promoted.term());

            cluster.network.heal();
            WriteOutcome stale = order(n1, "from the deposed primary");
            assertFalse(stale.acknowledged(), "every replica refuses a deposed primary's frames: " + stale);
            assertEquals(Role.REPLICA, n1.role(), "told of term 2 by the refusals, the old primary stands down");
            assertFalse(orders(promoted).contains("from the deposed primary"));
        }
    }
}
