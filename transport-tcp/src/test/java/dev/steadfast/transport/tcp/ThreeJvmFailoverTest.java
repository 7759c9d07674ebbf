package dev.steadfast.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.failover.FailoverCoordinator;
import dev.steadfast.failover.FailoverMode;
import dev.steadfast.failover.FailoverNode;
import dev.steadfast.failover.FailoverOutcome;
import dev.steadfast.failover.FailoverRequest;
import dev.steadfast.failover.FailoverResult;
import dev.steadfast.failover.LostPrimaryControl;
import dev.steadfast.failover.TransportClusterControl;
import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreProvider;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.transport.Connection;
import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.Message;
import dev.steadfast.spi.transport.RoleCommand;
import dev.steadfast.spi.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three node JVMs on loopback mutual TLS, each with its own SQLite file, under {@code replicas(1)}, with the
 * coordinator in the test JVM: a planned handover under write load, then the new primary killed with
 * {@code kill -9} mid-stream and a Force failover, then the killed primary restarted.
 */
class ThreeJvmFailoverTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Handshake COORDINATOR = Handshake.of(NodeProcess.CLUSTER, "coordinator", 0);

    @TempDir
    Path dir;

    private final Map<String, String> members = new LinkedHashMap<>();
    private final Set<String> acknowledged = new HashSet<>();

    private FailoverNode node(String id) {
        return new FailoverNode(id, members.get(id), "loopback");
    }

    private static Message.Ack status(Transport transport, String address) {
        try (Connection c = transport.connect(address, COORDINATOR, TIMEOUT)) {
            return assertInstanceOf(Message.Ack.class, c.request(new RoleCommand.Status(), TIMEOUT));
        }
    }

    private static FailoverOutcome outcome(FailoverResult result) {
        return assertInstanceOf(FailoverOutcome.class, result, result::describe);
    }

    private static Set<String> orders(Path file) {
        StoreProvider sqlite = ServiceLoader.load(StoreProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.scheme().equals("sqlite")).findFirst().orElseThrow();
        try (Store store = sqlite.open(StoreSpec.parse("sqlite:" + file));
             Stream<Entry> entries = store.readJournal(NodeProcess.ORDERS, 1)) {
            return entries.map(e -> new String(e.payload(), StandardCharsets.UTF_8)).collect(Collectors.toSet());
        }
    }

    private Set<String> missingOn(Path file) {
        Set<String> missing = new HashSet<>(acknowledged);
        missing.removeAll(orders(file));
        return missing;
    }

    @Test
    void aPlannedHandoverThenAForcedFailoverAfterKillMinus9KeepEveryAcknowledgedWriteAndTheOldPrimaryIsRefused()
            throws Exception {
        Certificates certs = Certificates.shared();
        for (String id : List.of("n1", "n2", "n3")) {
            members.put(id, "127.0.0.1:" + NodeJvm.freePort());
        }
        String memberList = members.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        String uri = certs.uri(certs.node);
        try (Transport transport = TcpTransportTest.open(uri);
             NodeJvm n1 = new NodeJvm(dir, "n1", memberList, uri);
             NodeJvm n2 = new NodeJvm(dir, "n2", memberList, uri);
             NodeJvm n3 = new NodeJvm(dir, "n3", memberList, uri)) {
            for (NodeJvm n : List.of(n1, n2, n3)) {
                assertEquals("READY REPLICA 0 0", n.line());
            }
            n1.send("bootstrap");
            assertEquals("PRIMARY 1", n1.line());
            n1.send("write");
            while (acknowledged.size() < 30) {
                acknowledged.add(n1.until("ACK", order -> { }).substring(4));
            }

            // planned: freeze n1 under load, catch n2 up to the frozen frontier, hand term 2 over
            FailoverRequest planned = new FailoverRequest(node("n1"), node("n2"), 1, 0,
                    new FailoverMode.Coordinated(Duration.ofSeconds(30)));
            FailoverOutcome handover;
            try (TransportClusterControl control = new TransportClusterControl(transport, COORDINATOR, planned,
                    TIMEOUT)) {
                handover = outcome(new FailoverCoordinator(Clock.system(), Duration.ofMillis(10))
                        .run(planned, control));
            }
            assertTrue(handover.isZeroRpo(), handover.describe());
            assertEquals(2, handover.newTerm());
            String stopped = n1.until("WRITER STOPPED", acknowledged::add);
            assertTrue(stopped.endsWith("FROZEN 1") || stopped.endsWith("REPLICA 2"), stopped);
            int plannedAcks = acknowledged.size();

            // n2 writes at term 2 and is killed with kill -9 mid-stream
            n2.send("write");
            while (acknowledged.size() < plannedAcks + 30) {
                acknowledged.add(n2.until("ACK", order -> { }).substring(4));
            }
            n2.kill9(acknowledged::add);

            // forced: the survivor with the highest durable frontier becomes primary of term 3
            Message.Ack s1 = status(transport, members.get("n1"));
            Message.Ack s3 = status(transport, members.get("n3"));
            String target = s1.durableLsn() >= s3.durableLsn() ? "n1" : "n3";
            String other = target.equals("n1") ? "n3" : "n1";
            FailoverRequest forced = new FailoverRequest(node("n2"), node(target), 2, 0,
                    new FailoverMode.Force(Duration.ofSeconds(30)));
            FailoverOutcome takeover;
            try (LostPrimaryControl control = new LostPrimaryControl(transport, COORDINATOR, forced,
                    List.of(node(other)), TIMEOUT)) {
                takeover = outcome(new FailoverCoordinator(Clock.system(), Duration.ofMillis(10)).run(forced, control));
            }
            assertTrue(takeover.isZeroRpo(), takeover.describe());
            assertEquals(3, takeover.newTerm());
            assertEquals(new Message.Ack(3, Math.max(s1.durableLsn(), s3.durableLsn())),
                    status(transport, members.get(target)));
            assertEquals(3, status(transport, members.get(other)).term(), "the other survivor adopted term 3");

            // the killed primary comes back: a replica of its old term, it cannot write, its frames are refused
            try (NodeJvm back = new NodeJvm(dir, "n2", memberList, uri)) {
                assertTrue(back.line().startsWith("READY REPLICA 2 "));
                back.send("try-write");
                assertEquals("WRITE NotAccepted REPLICA 2", back.line());
                back.send("stale");
                Set<String> refusals = Set.of(back.line(), back.line());
                assertEquals(Set.of("STALE n1 STALE_TERM", "STALE n3 STALE_TERM"), refusals);
                back.stop();
            }
            NodeJvm promoted = target.equals("n1") ? n1 : n3;
            promoted.stop();
            assertEquals(Set.of(), missingOn(dir.resolve(target + ".db")),
                    "acknowledged (" + plannedAcks + " by n1, " + (acknowledged.size() - plannedAcks)
                            + " by n2) but missing on the new primary " + target);
        }
    }
}
