package dev.steadfast.replication;

import dev.steadfast.failover.FailoverCoordinator;
import dev.steadfast.failover.FailoverMode;
import dev.steadfast.failover.FailoverNode;
import dev.steadfast.failover.FailoverRequest;
import dev.steadfast.failover.FailoverResult;
import dev.steadfast.failover.TransportClusterControl;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.Transport;
import dev.steadfast.transport.InprocNetwork;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Three replication nodes n1, n2, n3 on one {@link InprocNetwork} and a manual clock, each on its own store; n1
 * bootstrapped as primary. The application writes orders, one journal entry per write.
 */
final class ThreeNodes implements AutoCloseable {
    static final String CLUSTER = "orders-cluster";
    static final StreamId ORDERS = StreamId.of("orders");
    static final Duration TIMEOUT = Duration.ofMillis(200);

    final ManualClock clock = new ManualClock();
    final InprocNetwork network;
    final Transport transport;
    final Map<String, Store> stores = new LinkedHashMap<>();
    final Map<String, ReplicationNode> nodes = new LinkedHashMap<>();
    private final Duration shipInterval;

    /** Without background shipping: local-mode scenarios ship when the test says so. */
    ThreeNodes(Function<String, Store> storeOf, AckMode mode, long seed) {
        this(storeOf, mode, seed, Duration.ZERO);
    }

    ThreeNodes(Function<String, Store> storeOf, AckMode mode, long seed, Duration shipInterval) {
        this.shipInterval = shipInterval;
        network = InprocNetwork.create(clock, seed);
        transport = network.transport();
        for (String id : List.of("n1", "n2", "n3")) {
            stores.put(id, storeOf.apply(id));
            nodes.put(id, start(id, mode));
        }
        node("n1").bootstrapPrimary();
    }

    ReplicationNode start(String id, AckMode mode) {
        return ReplicationNode.builder().cluster(CLUSTER).node(id, id)
                .members(Map.of("n1", "n1", "n2", "n2", "n3", "n3"))
                .ackMode(mode).timeout(TIMEOUT).shipInterval(shipInterval).start(stores.get(id), transport);
    }

    ReplicationNode node(String id) {
        return nodes.get(id);
    }

    /** Appends one order at the primary's current head of the orders journal. */
    static WriteOutcome order(ReplicationNode primary, String order) {
        long head = primary.store().journalHead(ORDERS);
        return primary.write(WriteBatch.builder()
                .append(ORDERS, head, order.getBytes(StandardCharsets.UTF_8)).build());
    }

    static List<String> orders(ReplicationNode node) {
        try (Stream<dev.steadfast.spi.Entry> entries = node.store().readJournal(ORDERS, 1)) {
            return entries.map(e -> new String(e.payload(), StandardCharsets.UTF_8)).toList();
        }
    }

    static FailoverNode failoverNode(String id) {
        return new FailoverNode(id, id, "local");
    }

    FailoverRequest request(String from, String to, FailoverMode mode) {
        return new FailoverRequest(failoverNode(from), failoverNode(to), node(from).term(), node(to).durableLsn(),
                mode);
    }

    FailoverResult failover(FailoverRequest request) {
        try (TransportClusterControl control = new TransportClusterControl(transport,
                Handshake.of(CLUSTER, "coordinator", 0), request, TIMEOUT)) {
            return new FailoverCoordinator(clock, Duration.ofMillis(10)).run(request, control);
        }
    }

    /** Ships until every replica of {@code primary} holds its whole journal, or gives up after many rounds. */
    static void replicateFully(ReplicationNode primary, int replicas) {
        for (int round = 0; round < 200; round++) {
            if (primary.replicate() == replicas) {
                return;
            }
        }
        throw new AssertionError(primary + " could not bring " + replicas + " replicas up to date in 200 rounds");
    }

    @Override
    public void close() {
        nodes.values().forEach(ReplicationNode::close);
        transport.close();
        stores.values().forEach(Store::close);
    }
}
