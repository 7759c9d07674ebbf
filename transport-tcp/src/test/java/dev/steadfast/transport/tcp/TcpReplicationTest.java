package dev.steadfast.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.failover.FailoverCoordinator;
import dev.steadfast.failover.FailoverMode;
import dev.steadfast.failover.FailoverNode;
import dev.steadfast.failover.FailoverOutcome;
import dev.steadfast.failover.FailoverRequest;
import dev.steadfast.failover.TransportClusterControl;
import dev.steadfast.replication.AckMode;
import dev.steadfast.replication.ReplicationNode;
import dev.steadfast.replication.Role;
import dev.steadfast.replication.WriteOutcome;
import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreProvider;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.Message;
import dev.steadfast.spi.transport.RoleCommand;
import dev.steadfast.spi.transport.Transport;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three replication nodes in one JVM on loopback mutual TLS, each on its own SQLite file. */
class TcpReplicationTest {
    private static final StreamId ORDERS = StreamId.of("orders");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Store sqlite(Path file) {
        StoreProvider provider = ServiceLoader.load(StoreProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.scheme().equals("sqlite")).findFirst().orElseThrow();
        return provider.open(StoreSpec.parse("sqlite:" + file));
    }

    private static List<String> orders(ReplicationNode node) {
        try (Stream<dev.steadfast.spi.Entry> entries = node.store().readJournal(ORDERS, 1)) {
            return entries.map(e -> new String(e.payload(), StandardCharsets.UTF_8)).toList();
        }
    }

    @Test
    void aPlannedFailoverOverMutualTlsKeepsEveryAcknowledgedWriteAndAStaleTermFrameIsRefused() throws Exception {
        Certificates certs = Certificates.shared();
        Map<String, String> members = new LinkedHashMap<>();
        for (String id : List.of("n1", "n2", "n3")) {
            members.put(id, "127.0.0.1:" + freePort());
        }
        List<Transport> transports = new ArrayList<>();
        List<Store> stores = new ArrayList<>();
        Map<String, ReplicationNode> nodes = new LinkedHashMap<>();
        try {
            for (String id : members.keySet()) {
                Transport transport = TcpTransportTest.open(certs.uri(certs.node));
                transports.add(transport);
                Store store = sqlite(dir.resolve(id + ".db"));
                stores.add(store);
                nodes.put(id, ReplicationNode.builder().cluster("tls-cluster").node(id, members.get(id))
                        .members(members).ackMode(AckMode.replicas(1)).timeout(TIMEOUT).start(store, transport));
            }
            ReplicationNode n1 = nodes.get("n1");
            n1.bootstrapPrimary();
            List<String> acknowledged = new ArrayList<>();
            for (int i = 1; i <= 30; i++) {
                WriteOutcome outcome = n1.write(WriteBatch.builder().append(ORDERS, i - 1,
                        ("order " + i).getBytes(StandardCharsets.UTF_8)).build());
                assertTrue(outcome.acknowledged(), outcome.toString());
                acknowledged.add("order " + i);
            }

            FailoverRequest request = new FailoverRequest(new FailoverNode("n1", members.get("n1"), "loopback"),
                    new FailoverNode("n2", members.get("n2"), "loopback"), 1, nodes.get("n2").durableLsn(),
                    new FailoverMode.Coordinated(Duration.ofSeconds(30)));
            FailoverOutcome outcome;
            try (TransportClusterControl control = new TransportClusterControl(transports.get(0),
                    Handshake.of("tls-cluster", "coordinator", 0), request, TIMEOUT)) {
                outcome = assertInstanceOf(FailoverOutcome.class,
                        new FailoverCoordinator(Clock.system(), Duration.ofMillis(10)).run(request, control));
            }

            assertTrue(outcome.isZeroRpo());
            assertEquals(acknowledged, orders(nodes.get("n2")));
            assertEquals(Role.PRIMARY, nodes.get("n2").role());
            assertEquals(Role.REPLICA, n1.role());

            assertTrue(nodes.get("n2").write(WriteBatch.builder().append(ORDERS, 30, "order 31".getBytes()).build())
                    .acknowledged());
            nodes.get("n2").replicate();
            Message stale = transports.get(0).connect(members.get("n3"), Handshake.of("tls-cluster", "n1", 1),
                    TIMEOUT).request(new Message.Frame(1, 32, new byte[16]), TIMEOUT);
            assertEquals(Message.Reason.STALE_TERM, assertInstanceOf(Message.Refusal.class, stale).reason());
            assertEquals(new Message.Ack(2, 31), transports.get(0).connect(members.get("n3"),
                    Handshake.of("tls-cluster", "probe", 0), TIMEOUT).request(new RoleCommand.Status(), TIMEOUT),
                    "n3 keeps serving, at term 2 with all 31 orders");
        } finally {
            nodes.values().forEach(ReplicationNode::close);
            transports.forEach(Transport::close);
            stores.forEach(Store::close);
        }
    }
}
