package dev.steadfast.replication;

import static dev.steadfast.replication.ThreeNodes.CLUSTER;
import static dev.steadfast.replication.ThreeNodes.TIMEOUT;
import static dev.steadfast.replication.ThreeNodes.order;
import static dev.steadfast.replication.ThreeNodes.orders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.transport.Connection;
import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.Message;
import dev.steadfast.testing.Stores;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.tck.ForwardingStore;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplicationTest {
    private final ThreeNodes cluster = new ThreeNodes(id -> Stores.open("memory:"), AckMode.replicas(1), 1);

    @AfterEach
    void close() {
        cluster.close();
    }

    /** A frame as a primary of {@code term} begun at LSN 1 would send it, carrying one order. */
    private static Message.Frame frame(long term, long lsn, String order, long expectedHead) {
        return frame(term, 1, lsn, order, expectedHead);
    }

    /** A frame as a primary of {@code term} begun at {@code termStart} would send it, carrying one order. */
    private static Message.Frame frame(long term, long termStart, long lsn, String order, long expectedHead) {
        byte[] entry = BatchCodec.encode(term, WriteBatch.builder()
                .append(ThreeNodes.ORDERS, expectedHead, order.getBytes()).build());
        return new Message.Frame(term, lsn, new FramePayload(termStart, List.of(entry)).encode());
    }

    private Connection linkTo(String id, String as) {
        return cluster.transport.connect(id, Handshake.of(CLUSTER, as, 0), TIMEOUT);
    }

    @Test
    void aReplicaAppliesTheBatchDurablyAndAcknowledgesItsLsn() {
        WriteOutcome outcome = order(cluster.node("n1"), "espresso");

        assertEquals(new WriteOutcome.Acknowledged(1, 1, 2), outcome);
        assertEquals(List.of("espresso"), orders(cluster.node("n2")));
        assertEquals(1, cluster.node("n2").durableLsn());
        assertEquals(1, cluster.node("n3").term(), "the replica adopted the primary's term");
    }

    @Test
    void aFrameOfTheSameTermIsAdmittedAHigherTermIsAdoptedDurablyFirstALowerTermIsRefused() {
        ReplicationNode n3 = cluster.node("n3");
        Connection link = linkTo("n3", "x");

        assertEquals(new Message.Ack(1, 1), link.request(frame(1, 1, "a", 0), TIMEOUT));
        assertEquals(new Message.Ack(3, 2), link.request(frame(3, 2, 2, "b", 1), TIMEOUT));
        assertEquals(3, n3.store().readFence(Layout.TERM_FENCE).orElseThrow().epoch(), "adopted durably");
        assertEquals(3, n3.termHistory().start(3).orElseThrow().term());

        Message.Refusal refusal = assertInstanceOf(Message.Refusal.class, link.request(frame(2, 3, "c", 2), TIMEOUT));
        assertEquals(Message.Reason.STALE_TERM, refusal.reason());
        assertTrue(refusal.detail().contains("frame of term 2 at LSN 3 from 'x' refused: node 'n3' adopted term 3"),
                refusal.detail());
        assertEquals(List.of("a", "b"), orders(n3), "nothing of the refused frame was applied");
    }

    @Test
    void aReplicaHoldingEntriesOfAnOlderTermAfterTheNewTermsStartRecordsTheDivergenceAndRefusesFrames() {
        ReplicationNode n3 = cluster.node("n3");
        Connection link = linkTo("n3", "x");
        link.request(frame(1, 1, "a", 0), TIMEOUT);
        link.request(frame(1, 2, "b", 1), TIMEOUT);

        Message reply = link.request(frame(2, 2, 2, "b'", 1), TIMEOUT);

        assertEquals(Message.Reason.DIVERGED, assertInstanceOf(Message.Refusal.class, reply).reason());
        assertEquals(new Divergence(2, 2, 2), n3.divergence().orElseThrow());
        assertEquals(Role.DIVERGED, n3.role());
        assertEquals(List.of("a", "b"), orders(n3), "a diverged node keeps its entries for inspection");
    }

    @Test
    void aRepeatedOrEarlyFrameIsAnsweredWithTheDurableLsnAndNotAppliedTwice() {
        Connection link = linkTo("n3", "x");
        link.request(frame(1, 1, "a", 0), TIMEOUT);

        assertEquals(new Message.Ack(1, 1), link.request(frame(1, 1, "a", 0), TIMEOUT), "a duplicate");
        assertEquals(new Message.Ack(1, 1), link.request(frame(1, 5, "e", 4), TIMEOUT), "a gap");
        assertEquals(List.of("a"), orders(cluster.node("n3")));
    }

    @Test
    void aMalformedBatchIsRefusedAndChangesNothing() {
        Message reply = linkTo("n3", "x").request(new Message.Frame(1, 1, new byte[] {0, 0, 0, 0, 0, 0, 0, 1, 9}),
                TIMEOUT);
        assertEquals(Message.Reason.INVALID, assertInstanceOf(Message.Refusal.class, reply).reason());
        assertEquals(0, cluster.node("n3").durableLsn());
    }

    @Test
    void aReplicaThatWasCutOffCatchesUpFromItsOwnDurableLsn() {
        ReplicationNode n1 = cluster.node("n1");
        order(n1, "one");
        cluster.network.partition("n1", "n3");
        for (int i = 2; i <= 20; i++) {
            assertTrue(order(n1, "order " + i).acknowledged(), "n2 still confirms");
        }
        assertEquals(1, cluster.node("n3").durableLsn());

        cluster.network.heal();
        ThreeNodes.replicateFully(n1, 2);

        assertEquals(orders(n1), orders(cluster.node("n3")));
        assertEquals(20, cluster.node("n3").durableLsn());
    }

    @Test
    void withNoReplicaReachableAReplicasOneWriteIsCommittedButNotAcknowledged() {
        cluster.network.isolate("n1");
        WriteOutcome outcome = order(cluster.node("n1"), "lonely");
        assertEquals(new WriteOutcome.Unconfirmed(1, 1, 0, 1), outcome);
    }

    @Test
    void aReplicaAheadAtALaterTermNeverCountsTowardsADeposedPrimarysAcknowledgement() {
        ReplicationNode n1 = cluster.node("n1");
        order(n1, "one");
        cluster.network.isolate("n1");
        assertEquals(new WriteOutcome.Unconfirmed(2, 1, 0, 1), order(n1, "two"), "n1 no longer knows the frontiers");
        Connection link = linkTo("n2", "n9");
        for (long lsn = 2; lsn <= 5; lsn++) {
            link.request(frame(2, 2, lsn, "term 2 order " + lsn, lsn - 1), TIMEOUT); // n2 serves a newer primary
        }
        linkTo("n3", "n9").request(frame(2, 2, 2, "term 2 order 2", 1), TIMEOUT);
        cluster.network.heal();

        WriteOutcome outcome = order(n1, "from the deposed primary");

        assertEquals(new WriteOutcome.Unconfirmed(3, 1, 0, 1), outcome,
                "n2 holds LSN 5 >= 3, but for term 2: not an acknowledgement of n1's LSN 3");
        assertEquals(Role.REPLICA, n1.role());
    }

    @Test
    void aReplicaRefusesWritesOfItsOwn() {
        assertEquals(new WriteOutcome.NotAccepted(Role.REPLICA, 0), order(cluster.node("n2"), "nope"));
        order(cluster.node("n1"), "first");
        assertEquals(new WriteOutcome.NotAccepted(Role.REPLICA, 1), order(cluster.node("n2"), "nope"));
        assertEquals(List.of("first"), orders(cluster.node("n2")));
    }

    /** A frame of term 1 carrying several orders, the first at {@code lsn}. */
    private static Message.Frame frameOf(long lsn, String... orders) {
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < orders.length; i++) {
            entries.add(BatchCodec.encode(1, WriteBatch.builder()
                    .append(ThreeNodes.ORDERS, lsn - 1 + i, orders[i].getBytes()).build()));
        }
        return new Message.Frame(1, lsn, new FramePayload(1, entries).encode());
    }

    @Test
    void aFrameOfSeveralEntriesIsAppliedInOrderAndAcknowledgedToItsLast() {
        Connection link = linkTo("n3", "x");
        assertEquals(new Message.Ack(1, 3), link.request(frameOf(1, "a", "b", "c"), TIMEOUT));
        assertEquals(new Message.Ack(1, 5), link.request(frameOf(3, "c", "d", "e"), TIMEOUT),
                "the entry held already is skipped, the rest applied");
        assertEquals(List.of("a", "b", "c", "d", "e"), orders(cluster.node("n3")));
    }

    @Test
    void aReplicaThatWasCutOffCatchesUpWithOneFrameAndOneStoreCallForManyEntries() {
        AtomicInteger applyAllCalls = new AtomicInteger();
        try (ThreeNodes counted = new ThreeNodes(id -> id.equals("n3") ? new ForwardingStore(Stores.open("memory:")) {
            @Override
            public List<WriteResult> applyAll(List<dev.steadfast.spi.WriteBatch> batches) {
                applyAllCalls.incrementAndGet();
                return super.applyAll(batches);
            }
        } : Stores.open("memory:"), AckMode.replicas(1), 1)) {
            ReplicationNode n1 = counted.node("n1");
            counted.network.partition("n1", "n3");
            for (int i = 1; i <= 30; i++) {
                assertTrue(order(n1, "order " + i).acknowledged());
            }
            counted.network.heal();

            assertEquals(2, n1.replicate(), "both replicas hold all 30 after one ship");
            assertEquals(1, applyAllCalls.get(), "30 entries in one frame, applied in one call");
            assertEquals(orders(n1), orders(counted.node("n3")));
        }
    }
}
