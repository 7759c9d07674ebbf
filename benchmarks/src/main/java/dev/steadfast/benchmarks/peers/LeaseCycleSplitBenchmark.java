package dev.steadfast.benchmarks.peers;

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
 * {@link ShedLockLeaseBenchmark}'s three ways of taking a lock and giving it back, taken in turn within each
 * operation (the starting one rotating), each on a database of its own, so all three meet the same disk state. On
 * this machine the fsync latency drifts within seconds, and separate trials of one way each gave pair ratios from
 * 0.58 to 1.15; here the secondary results are each way's total nanoseconds per iteration over equal counts of
 * cycles, so {@code shedlockNanos / steadfastNanos} is Steadfast's cycle rate relative to ShedLock's.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar LeaseCycleSplitBenchmark -p db=sqlite -wi 3 -w 5s -i 5 -r 3s -f 1
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Threads(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class LeaseCycleSplitBenchmark {
    /** {@code sqlite}, {@code h2} or {@code postgresql}. */
    @Param({"sqlite"})
    public String db;

    private LeaseCycle[] ways;
    private int first;

    /** Nanoseconds spent in each way's cycles during one iteration (JMH sums them per iteration). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Timings {
        /** Steadfast's lease. */
        public long steadfastNanos;
        /** ShedLock's lock provider. */
        public long shedlockNanos;
        /** The raw two updates. */
        public long rawNanos;

        /** Starts each iteration's sums at zero. */
        @Setup(Level.Iteration)
        public void reset() {
            steadfastNanos = shedlockNanos = rawNanos = 0;
        }
    }

    /** Opens the three ways, each on a database of its own. */
    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        ways = new LeaseCycle[] {new LeaseCycle(db, "steadfast"), new LeaseCycle(db, "shedlock"),
                new LeaseCycle(db, "raw")};
    }

    /** One cycle each way; the score counts rounds of three. */
    @Benchmark
    public long interleaved(Timings timings) throws SQLException {
        long last = 0;
        for (int k = 0; k < 3; k++) {
            int i = (first + k) % 3;
            long t0 = System.nanoTime();
            last = ways[i].run();
            long took = System.nanoTime() - t0;
            switch (i) {
                case 0 -> timings.steadfastNanos += took;
                case 1 -> timings.shedlockNanos += took;
                default -> timings.rawNanos += took;
            }
        }
        first = (first + 1) % 3;
        return last;
    }

    /** Closes the three databases. */
    @TearDown(Level.Trial)
    public void tearDown() {
        for (LeaseCycle way : ways) {
            way.close();
        }
    }
}
