package dev.steadfast.benchmarks.sqlite;

import dev.steadfast.Steadfast;
import dev.steadfast.micrometer.SteadfastMetrics;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The cost of observing group commit with Micrometer: sixteen writers append one 100-byte entry per call to their
 * own journals on a durable SQLite store (WAL, synchronous=FULL), with {@code impl=plain} (no listener: the
 * baseline) or {@code impl=micrometer} ({@link SteadfastMetrics} on a {@link SimpleMeterRegistry}, so every group
 * commit, write outcome and timer is recorded). Compare the two scores of the same run; the target is an overhead
 * of at most 3%.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SqliteMetricsOverheadBenchmark -wi 3 -w 5s -i 5 -r 3s -f 2
 * </pre>
 * With {@code -p store=memory} the same writers go through core's group commit to the in-memory store instead:
 * no fsync, so the case is CPU-bound and the listener's cost is not hidden under the disk's noise (on SQLite the
 * fsync latency swings ±25 % between runs, far above the 3 % to be shown):
 * <pre>
 * benchmarks/alternate.sh -n 3 -r plain -s micrometer SqliteMetricsOverheadBenchmark -p store=memory -wi 3 -w 5s -i 5 -r 3s -f 1
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(16)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SqliteMetricsOverheadBenchmark {

    /** The shared store, observed or not. */
    @State(Scope.Benchmark)
    public static class Shared {
        /** {@code plain} (the baseline) or {@code micrometer}. */
        @Param({"plain", "micrometer"})
        public String impl;

        /** {@code sqlite} (durable, fsync-bound) or {@code memory} (CPU-bound: the listener's cost shows). */
        @Param({"sqlite"})
        public String store;

        SqliteBench bench;
        Steadfast memory;
        Store target;
        final AtomicInteger writers = new AtomicInteger();

        @Setup(Level.Trial)
        public void setUp() {
            bench = new SqliteBench();
            Steadfast.Builder builder = Steadfast.builder();
            if (impl.equals("micrometer")) {
                builder.listener(new SteadfastMetrics(new SimpleMeterRegistry()));
            } else if (!impl.equals("plain")) {
                throw new IllegalArgumentException("impl must be plain or micrometer, was " + impl);
            }
            switch (store) {
                case "sqlite" -> target = bench.steadfast(builder).store();
                case "memory" -> {
                    memory = builder.open("memory:");
                    target = memory.store();
                }
                default -> throw new IllegalArgumentException("store must be sqlite or memory, was " + store);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (memory != null) {
                memory.close();
            }
            bench.close();
        }
    }

    /** One writer's journal. */
    @State(Scope.Thread)
    public static class Writer {
        StreamId stream;
        long head;
        final byte[] payload = new byte[100];

        @Setup(Level.Trial)
        public void setUp(Shared shared) {
            stream = StreamId.of("writer-" + (shared.writers.incrementAndGet()));
        }
    }

    @Benchmark
    public long append(Shared shared, Writer w) {
        WriteBatch batch = WriteBatch.of(new WriteOp.Append(w.stream, w.head, List.of(w.payload)));
        if (!shared.target.apply(batch).isCommitted()) {
            throw new IllegalStateException("append to " + w.stream + " conflicted at " + w.head);
        }
        return ++w.head;
    }
}
