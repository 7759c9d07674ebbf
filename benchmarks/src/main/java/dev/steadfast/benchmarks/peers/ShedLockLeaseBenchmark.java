package dev.steadfast.benchmarks.peers;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
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
 * A lock taken and given back, one contender, in cycles per second: Steadfast's lease ({@code Leases.acquire} then
 * {@code release}, each one durable fence compare-and-set through core's group commit) beside ShedLock's
 * {@code JdbcTemplateLockProvider} ({@code lock} then {@code unlock}, over a HikariCP pool, with ShedLock's table
 * and its default statements) and the raw JDBC baseline: the two auto-commit {@code UPDATE}s ShedLock's default
 * statements amount to (take the row if its lock has run out, then end the lock now), on one plain connection.
 *
 * <p>Same engine and durability per {@code db} for all three ({@link PeerDatabase}): SQLite in WAL with
 * {@code synchronous=FULL}, H2 with {@code WRITE_DELAY=0}, a throwaway PostgreSQL with default durability.
 *
 * <p>Full run (figures for {@code benchmarks/RESULTS.md}; each case in its own JVM):
 * <pre>java -jar benchmarks/target/benchmarks.jar ShedLockLeaseBenchmark -wi 3 -w 5s -i 5 -r 3s -f 1</pre>
 * Smoke run, proves every case runs, takes no figures:
 * <pre>java -jar benchmarks/target/benchmarks.jar ShedLockLeaseBenchmark -wi 0 -i 1 -r 1s -f 1</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Threads(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class ShedLockLeaseBenchmark {
    /** {@code sqlite}, {@code h2} or {@code postgresql}. */
    @Param({"sqlite", "h2", "postgresql"})
    public String db;

    /** {@code steadfast}, {@code shedlock} or {@code raw}. */
    @Param({"steadfast", "shedlock", "raw"})
    public String impl;

    private LeaseCycle cycle;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        cycle = new LeaseCycle(db, impl);
    }

    @Benchmark
    public long acquireAndRelease() throws SQLException {
        return cycle.run();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cycle.close();
    }
}
