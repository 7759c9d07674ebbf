package dev.steadfast.benchmarks.replication;

import dev.steadfast.Steadfast;
import dev.steadfast.replication.AckMode;
import dev.steadfast.replication.ReplicationNode;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable appends per second of one writer on a SQLite primary with one SQLite replica over loopback
 * {@code tcp://127.0.0.1} (plain TCP), in three modes measured in the same run: {@code none} (the primary's store
 * alone, no replication: the baseline), {@code local} (acknowledged after the primary's commit; the node's own
 * background shipper sends the replica several entries per frame) and {@code replicas1} (acknowledged after the
 * replica made the batch durable). Report {@code local} and {@code replicas1} as ratios to {@code none}, in
 * {@code benchmarks/RESULTS.md}. Not measured yet: the figures are only meaningful on an otherwise idle machine.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ReplicationBenchmark -wi 3 -w 5s -i 5 -r 3s -f 1
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class ReplicationBenchmark {
    private static final StreamId STREAM = StreamId.of("bench/replicated");

    /** {@code none}, {@code local} or {@code replicas1}. */
    @Param({"none", "local", "replicas1"})
    public String mode;

    private Path dir;
    private Steadfast primaryData;
    private Steadfast replicaData;
    private ReplicationNode primary;
    private ReplicationNode replica;
    private Store store;
    private final byte[] payload = new byte[100];
    private long head;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("steadfast-replication-bench-");
        primaryData = Steadfast.builder().transport("tcp://127.0.0.1:0")
                .open("sqlite:" + dir.resolve("primary.db"));
        store = primaryData.store();
        if (mode.equals("none")) {
            return;
        }
        replicaData = Steadfast.builder().transport("tcp://127.0.0.1:0")
                .open("sqlite:" + dir.resolve("replica.db"));
        Map<String, String> members = Map.of("p", "127.0.0.1:" + freePort(), "r", "127.0.0.1:" + freePort());
        AckMode ack = mode.equals("local") ? AckMode.local() : AckMode.replicas(1);
        primary = ReplicationNode.builder().cluster("bench").node("p", members.get("p")).members(members)
                .ackMode(ack).start(primaryData.store(), primaryData.transport().orElseThrow());
        replica = ReplicationNode.builder().cluster("bench").node("r", members.get("r")).members(members)
                .ackMode(ack).start(replicaData.store(), replicaData.transport().orElseThrow());
        primary.bootstrapPrimary();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (primary != null) {
            primary.close();
            replica.close();
            replicaData.close();
        }
        primaryData.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public long append() {
        WriteBatch batch = WriteBatch.builder().append(STREAM, head, payload).build();
        boolean ok = primary == null ? store.apply(batch).isCommitted() : primary.write(batch).acknowledged();
        if (!ok) {
            throw new IllegalStateException("append at " + head + " was not acknowledged in mode " + mode);
        }
        return ++head;
    }
}
