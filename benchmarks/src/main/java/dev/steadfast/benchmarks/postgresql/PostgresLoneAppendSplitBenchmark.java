package dev.steadfast.benchmarks.postgresql;

import dev.steadfast.benchmarks.postgresql.PostgresLoneAppendDesignBenchmark.Design;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Where a PostgreSQL lone append's time goes, with the disk's drift taken out: each operation appends one 100-byte
 * entry three ways in turn (the starting one rotating), all against one server in the same seconds:
 * {@code raw}, a bare auto-committed {@code INSERT}; {@code headrow}, Steadfast's own head-row statement on a bare
 * pgjdbc connection; {@code steadfast}, {@code Store.apply} through core and the store's pool. The secondary
 * results are each one's total nanoseconds per iteration, over equal counts of appends, so
 * {@code rawNanos / steadfastNanos} is the lone append's throughput ratio to a bare insert (issue 27's goal), and
 * {@code headrowNanos} splits the gap between the statement (server) and the Java path around it.
 *
 * <p>{@link PostgresAppendBenchmark} measures the same two ends one trial at a time; on this machine the WAL
 * fsync's latency drifts by half within a minute, so ratios between separate trials scatter (0.49 to 1.58 seen),
 * while these sums meet the same drift.
 *
 * <pre>
 * java -Dsteadfast.bench.pg=127.0.0.1:55432 -jar benchmarks/target/benchmarks.jar \
 *     PostgresLoneAppendSplitBenchmark -wi 3 -w 5s -i 5 -r 3s -f 1
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Threads(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PostgresLoneAppendSplitBenchmark {
    private static final StreamId STREAM = StreamId.of("bench-split");

    /** {@code on} (durable, the default) or {@code off}: no wait for the WAL flush, leaving the CPU side. */
    @Param("on")
    public String synchronousCommit;

    private final byte[] payload = new byte[100];
    private BenchFixture fixture;
    private Design raw;
    private Design headrow;
    private Store store;
    private long head;
    private int first;

    /** Nanoseconds spent in each way of appending during one iteration (JMH sums them per iteration). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Timings {
        /** Bare inserts. */
        public long rawNanos;
        /** The head-row statement on a bare connection. */
        public long headrowNanos;
        /** Steadfast's {@code Store.apply}. */
        public long steadfastNanos;

        /** Starts each iteration's sums at zero. */
        @Setup(Level.Iteration)
        public void reset() {
            rawNanos = headrowNanos = steadfastNanos = 0;
        }
    }

    /** Opens the three appenders, each on a stream of its own. */
    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        fixture = PostgresLoneAppendDesignBenchmark.tables();
        raw = new Design("raw", fixture, synchronousCommit);
        headrow = new Design("headrow", fixture, synchronousCommit);
        if (synchronousCommit.equals("off")) {
            // The store's URI takes no session settings; its pool's connections read the role's default.
            fixture.server.execute("ALTER ROLE CURRENT_USER SET synchronous_commit = off");
        }
        store = fixture.steadfast(4).store();
    }

    /** One append each way; the score counts rounds of three. */
    @Benchmark
    public long interleaved(Timings timings) throws SQLException {
        for (int k = 0; k < 3; k++) {
            long t0 = System.nanoTime();
            switch ((first + k) % 3) {
                case 0 -> {
                    raw.append();
                    timings.rawNanos += System.nanoTime() - t0;
                }
                case 1 -> {
                    headrow.append();
                    timings.headrowNanos += System.nanoTime() - t0;
                }
                default -> {
                    if (!store.apply(WriteBatch.builder().append(STREAM, head, payload).build()).isCommitted()) {
                        throw new IllegalStateException("append conflicted at head " + head);
                    }
                    head++;
                    timings.steadfastNanos += System.nanoTime() - t0;
                }
            }
        }
        first = (first + 1) % 3;
        fixture.operations.addAndGet(3);
        return head;
    }

    /** Closes the connections and drops the trial's schemas. */
    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        raw.close();
        headrow.close();
        if (synchronousCommit.equals("off")) {
            fixture.server.execute("ALTER ROLE CURRENT_USER RESET synchronous_commit");
        }
        fixture.close();
    }
}
