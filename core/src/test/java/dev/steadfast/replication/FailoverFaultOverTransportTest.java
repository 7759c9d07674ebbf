package dev.steadfast.replication;

import static dev.steadfast.replication.ThreeNodes.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.failover.CatchUpTimedOut;
import dev.steadfast.failover.FailoverFailed;
import dev.steadfast.failover.FailoverMode;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreIOException;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.tck.ForwardingStore;
import dev.steadfast.testing.Stores;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Faults after the freeze, on real nodes over the transport: writes resume, or the states are reported. */
class FailoverFaultOverTransportTest {

    /** A store whose write recording a new term fails once armed, as a full disk would. */
    static final class TermRecordingFails extends ForwardingStore {
        final AtomicBoolean armed = new AtomicBoolean();

        TermRecordingFails(Store delegate) {
            super(delegate);
        }

        @Override
        public WriteResult apply(WriteBatch batch) {
            boolean recordsTerm = batch.operations().stream()
                    .anyMatch(op -> op instanceof WriteOp.PutRecord r && r.namespace().equals(Layout.TERMS));
            if (recordsTerm && armed.get()) {
                throw new StoreIOException("disk full while recording the new term (injected)");
            }
            return super.apply(batch);
        }
    }

    @Test
    void aTargetThatCannotRecordTheNewTermLeavesTheOldPrimaryFrozenAndTheResultSaysSo() {
        TermRecordingFails[] n2Store = new TermRecordingFails[1];
        try (ThreeNodes cluster = new ThreeNodes(id -> {
            Store store = Stores.open("memory:");
            if (id.equals("n2")) {
                n2Store[0] = new TermRecordingFails(store);
                return n2Store[0];
            }
            return store;
        }, AckMode.replicas(2), 5)) {
            ReplicationNode n1 = cluster.node("n1");
            assertTrue(order(n1, "one").acknowledged());
            n2Store[0].armed.set(true);

            FailoverFailed failed = assertInstanceOf(FailoverFailed.class, cluster.failover(
                    cluster.request("n1", "n2", new FailoverMode.Coordinated(Duration.ofSeconds(5)))));

            assertEquals(FailoverFailed.Step.PROMOTE, failed.step());
            assertEquals(FailoverFailed.NodeState.FROZEN, failed.oldPrimary());
            assertTrue(failed.cause().contains("disk full while recording the new term"), failed.cause());
            assertEquals(Role.FROZEN, n1.role(), "the report matches the node");
            assertEquals(Role.REPLICA, cluster.node("n2").role());
            assertEquals(1, cluster.node("n2").term(), "nothing of term 2 was recorded on the target");
        }
    }

    @Test
    void aCoordinatedFailoverToAPartitionedTargetTimesOutAndWritesResume() {
        try (ThreeNodes cluster = new ThreeNodes(id -> Stores.open("memory:"), AckMode.local(), 5)) {
            ReplicationNode n1 = cluster.node("n1");
            for (int i = 0; i < 10; i++) {
                order(n1, "order " + i);
            }
            cluster.network.partition("n1", "n2");

            CatchUpTimedOut timedOut = assertInstanceOf(CatchUpTimedOut.class, cluster.failover(
                    cluster.request("n1", "n2", new FailoverMode.Coordinated(Duration.ofMillis(50)))));

            assertEquals(10, timedOut.frontierLsn());
            assertEquals(0, timedOut.reachedLsn());
            assertEquals(Role.PRIMARY, n1.role());
            assertTrue(order(n1, "after the abort").acknowledged(), "writes resumed on the old primary");
        }
    }
}
