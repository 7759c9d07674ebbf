package dev.steadfast.examples.failover;

import dev.steadfast.Steadfast;
import dev.steadfast.failover.FailoverCoordinator;
import dev.steadfast.failover.FailoverMode;
import dev.steadfast.failover.FailoverNode;
import dev.steadfast.failover.FailoverRequest;
import dev.steadfast.failover.FailoverResult;
import dev.steadfast.failover.TransportClusterControl;
import dev.steadfast.replication.AckMode;
import dev.steadfast.replication.ReplicationNode;
import dev.steadfast.replication.WriteOutcome;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.transport.Handshake;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A primary and a replica, each on its own SQLite file, replicating over the in-process transport: the primary
 * takes orders acknowledged once the replica holds them ({@code replicas(1)}), then hands the primary role over with
 * a coordinated zero-RPO failover, and the old primary's next write is refused.
 *
 * <pre>{@code mvn -B -q -pl examples exec:java -Dexec.mainClass=dev.steadfast.examples.failover.PlannedHandover}</pre>
 */
public final class PlannedHandover {
    private static final StreamId ORDERS = StreamId.of("orders");
    private static final Map<String, String> MEMBERS = Map.of("east", "east", "west", "west");

    /** What the run showed. */
    public record Result(FailoverResult failover, long ordersOnNewPrimary, WriteOutcome oldPrimaryWrite,
                         WriteOutcome newPrimaryWrite) {
    }

    private PlannedHandover() {
    }

    /** Runs in a temporary directory. */
    public static void main(String[] args) throws IOException {
        run(Files.createTempDirectory("steadfast-failover-"), System.out);
    }

    /** Runs with the SQLite files in {@code dir}, narrating to {@code out}. */
    public static Result run(Path dir, PrintStream out) {
        String network = "inproc:failover-example-" + System.nanoTime();
        try (Steadfast eastData = Steadfast.builder().transport(network).open("sqlite:" + dir.resolve("east.db"));
             Steadfast westData = Steadfast.builder().transport(network).open("sqlite:" + dir.resolve("west.db"));
             ReplicationNode east = node("east", eastData);
             ReplicationNode west = node("west", westData)) {
            east.bootstrapPrimary();
            for (int i = 1; i <= 5; i++) {
                WriteOutcome outcome = east.write(WriteBatch.builder()
                        .append(ORDERS, i - 1, ("order " + i).getBytes(StandardCharsets.UTF_8)).build());
                out.println("east takes order " + i + ": " + outcome);
            }

            FailoverRequest request = new FailoverRequest(new FailoverNode("east", "east", "eu-east"),
                    new FailoverNode("west", "west", "eu-west"), east.term(), west.durableLsn(),
                    new FailoverMode.Coordinated(Duration.ofSeconds(5)));
            FailoverResult result;
            try (TransportClusterControl control = new TransportClusterControl(eastData.transport().orElseThrow(),
                    Handshake.of("shop", "operator", 0), request, Duration.ofSeconds(2))) {
                result = new FailoverCoordinator(eastData.clock(), Duration.ofMillis(10)).run(request, control);
            }
            out.println("handover: " + result.describe());
            long onWest = west.store().journalHead(ORDERS);
            out.println("west holds " + onWest + " orders");

            WriteOutcome refused = east.write(WriteBatch.builder().append(ORDERS, 5, "late".getBytes()).build());
            out.println("east, now " + east.role() + " at term " + east.term() + ", is refused: " + refused);
            WriteOutcome accepted = west.write(WriteBatch.builder().append(ORDERS, 5, "order 6".getBytes()).build());
            out.println("west, now " + west.role() + " at term " + west.term() + ", takes order 6: " + accepted);
            return new Result(result, onWest, refused, accepted);
        }
    }

    private static ReplicationNode node(String id, Steadfast data) {
        return ReplicationNode.builder().cluster("shop").node(id, id).members(MEMBERS)
                .ackMode(AckMode.replicas(1)).start(data.store(), data.transport().orElseThrow());
    }
}
