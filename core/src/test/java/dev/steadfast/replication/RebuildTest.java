package dev.steadfast.replication;

import static dev.steadfast.replication.ThreeNodes.order;
import static dev.steadfast.replication.ThreeNodes.orders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.failover.FailoverMode;
import dev.steadfast.failover.FailoverOutcome;
import dev.steadfast.spi.Store;
import dev.steadfast.testing.Backend;
import dev.steadfast.testing.Backends;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A former primary holding entries the new primary never had (after a forced failover) rejoins as a replica by
 * being rebuilt from the new primary; its divergent entries stay in its old store.
 */
class RebuildTest {
    @TempDir
    Path dir;

    /** n1 primary in local mode; n2 is cut off after 6 orders; Force to n2 leaves n1 diverged at 7..10. */
    private static ThreeNodes divergedAfterForcedFailover(Backend backend, Path dir) {
        ThreeNodes cluster = new ThreeNodes(id -> backend.open(dir.resolve(id)), AckMode.local(), 4);
        ReplicationNode n1 = cluster.node("n1");
        for (int i = 1; i <= 10; i++) {
            if (i == 7) {
                ThreeNodes.replicateFully(n1, 2);
                cluster.network.partition("n1", "n2");
            }
            assertTrue(order(n1, "order " + i).acknowledged());
        }
        FailoverOutcome outcome = assertInstanceOf(FailoverOutcome.class, cluster.failover(
                cluster.request("n1", "n2", new FailoverMode.Force(Duration.ofMillis(50)))));
        assertEquals(4, outcome.skippedLsn());
        assertEquals(new Divergence(7, 10, 2), n1.divergence().orElseThrow());
        cluster.network.heal();
        return cluster;
    }

    @Test
    void aDivergedFormerPrimaryRebuiltOnAnEmptyStoreFollowsTheNewPrimaryAndItsOldStoreKeepsTheDivergentEntries() {
        Backend sqlite = Backends.find("sqlite").orElseThrow();
        try (ThreeNodes cluster = divergedAfterForcedFailover(sqlite, dir);
             Store fresh = sqlite.open(dir.resolve("n1-rebuilt"))) {
            ReplicationNode n2 = cluster.node("n2");
            List<String> expected = new ArrayList<>(orders(n2));
            assertTrue(order(n2, "order 7 of term 2").acknowledged());
            expected.add("order 7 of term 2");
            ReplicationNode old = cluster.node("n1");

            ReplicationNode rebuilt = old.rebuildOn(fresh);
            cluster.nodes.put("n1", rebuilt);
            ThreeNodes.replicateFully(n2, 2);

            assertEquals(expected, orders(rebuilt), "the new primary's history, not n1's orders 7..10");
            assertEquals(Role.REPLICA, rebuilt.role());
            assertEquals(2, rebuilt.term());
            assertTrue(rebuilt.divergence().isEmpty());
            assertEquals(List.of("order 1", "order 2", "order 3", "order 4", "order 5", "order 6", "order 7",
                    "order 8", "order 9", "order 10"), orders(old), "the divergent entries, kept for inspection");
            assertTrue(order(n2, "order 8 of term 2").acknowledged());
            ThreeNodes.replicateFully(n2, 2);
            assertEquals(orders(n2), orders(rebuilt));
        }
    }

    @Test
    void onlyADivergedNodeIsRebuiltAndOnlyOnAnEmptyStore() {
        Backend memory = Backends.find("memory").orElseThrow();
        try (ThreeNodes cluster = divergedAfterForcedFailover(memory, dir)) {
            IllegalStateException notDiverged = assertThrows(IllegalStateException.class,
                    () -> cluster.node("n3").rebuildOn(memory.open(dir.resolve("x"))));
            assertEquals("node 'n3' is REPLICA at term 1; only a DIVERGED node is rebuilt", notDiverged.getMessage());
            Store used = cluster.stores.get("n3");
            IllegalArgumentException notEmpty = assertThrows(IllegalArgumentException.class,
                    () -> cluster.node("n1").rebuildOn(used));
            assertTrue(notEmpty.getMessage().startsWith("node 'n1' must be rebuilt on an empty store, not one holding"),
                    notEmpty.getMessage());
            assertEquals(Role.DIVERGED, cluster.node("n1").role(), "refused: nothing changed");
        }
    }
}
