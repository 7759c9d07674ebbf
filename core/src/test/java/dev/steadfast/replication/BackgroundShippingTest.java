package dev.steadfast.replication;

import static dev.steadfast.replication.ThreeNodes.order;
import static dev.steadfast.replication.ThreeNodes.orders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.testing.Stores;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** In {@code local} mode the primary acknowledges after its own commit and replicas follow in the background. */
class BackgroundShippingTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ThreeNodes cluster = new ThreeNodes(id -> Stores.open("memory:"), AckMode.local(), 1,
            Duration.ofMillis(20));

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void replicasFollowALocalModePrimaryWithoutTheApplicationShipping() throws Exception {
        ReplicationNode n1 = cluster.node("n1");
        for (int i = 1; i <= 40; i++) {
            assertEquals(new WriteOutcome.Acknowledged(i, 1, 0), order(n1, "order " + i),
                    "acknowledged after the primary's own commit");
        }

        assertTrue(n1.awaitReplicated(40, 2, WAIT), "both replicas hold all 40 orders");
        assertEquals(orders(n1), orders(cluster.node("n2")));
        assertEquals(orders(n1), orders(cluster.node("n3")));
    }

    @Test
    void aReplicaThatWasCutOffIsCaughtUpInTheBackgroundOnceTheLinkHealsWithoutAnotherWrite() throws Exception {
        ReplicationNode n1 = cluster.node("n1");
        cluster.network.partition("n1", "n3");
        for (int i = 1; i <= 10; i++) {
            order(n1, "order " + i);
        }
        assertTrue(n1.awaitReplicated(10, 1, WAIT));
        assertFalse(n1.awaitReplicated(1, 2, Duration.ZERO), "n3 is cut off");

        cluster.network.heal();

        assertTrue(n1.awaitReplicated(10, 2, WAIT), "the shipper retried until n3 was back");
        assertEquals(orders(n1), orders(cluster.node("n3")));
    }

    @Test
    void waitingForMoreReplicasThanTheClusterHasIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cluster.node("n1").awaitReplicated(1, 3, WAIT));
        assertEquals("node 'n1' has 2 replicas, cannot wait for 3", e.getMessage());
    }
}
