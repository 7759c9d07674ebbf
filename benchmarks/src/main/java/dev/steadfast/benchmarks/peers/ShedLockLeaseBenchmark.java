package dev.steadfast.benchmarks.peers;

import dev.steadfast.Steadfast;
import dev.steadfast.fence.Lease;
import dev.steadfast.fence.Leases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
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
import org.springframework.jdbc.core.JdbcTemplate;

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
    private static final String LOCK = "bench-lock";
    private static final Duration HOLD = Duration.ofMinutes(5);

    /** {@code sqlite}, {@code h2} or {@code postgresql}. */
    @Param({"sqlite", "h2", "postgresql"})
    public String db;

    /** {@code steadfast}, {@code shedlock} or {@code raw}. */
    @Param({"steadfast", "shedlock", "raw"})
    public String impl;

    private PeerDatabase database;
    private Leases leases;
    private LockProvider shedlock;
    private PreparedStatement take;
    private PreparedStatement giveBack;
    private long cycles;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        database = new PeerDatabase(db);
        switch (impl) {
            case "steadfast" -> {
                Steadfast steadfast = database.steadfast();
                leases = new Leases(steadfast.store(), steadfast.clock());
            }
            case "shedlock" -> {
                createLockTable();
                shedlock = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                        .withJdbcTemplate(new JdbcTemplate(database.pool(4)))
                        .withTableName("shedlock")
                        .build());
            }
            case "raw" -> {
                createLockTable();
                database.execute("INSERT INTO shedlock (name, lock_until, locked_at, locked_by) VALUES ('"
                        + LOCK + "', " + timestamp(0) + ", " + timestamp(0) + ", 'nobody')");
                Connection raw = database.raw();
                take = raw.prepareStatement("UPDATE shedlock SET lock_until = ?, locked_at = ?, locked_by = ?"
                        + " WHERE name = ? AND lock_until <= ?");
                giveBack = raw.prepareStatement("UPDATE shedlock SET lock_until = ? WHERE name = ?");
            }
            default -> throw new IllegalArgumentException("impl must be steadfast, shedlock or raw, was " + impl);
        }
    }

    private void createLockTable() {
        database.execute("CREATE TABLE shedlock (name VARCHAR(64) NOT NULL PRIMARY KEY, lock_until TIMESTAMP NOT"
                + " NULL, locked_at TIMESTAMP NOT NULL, locked_by VARCHAR(255) NOT NULL)");
    }

    private String timestamp(long millis) {
        return database.engine.equals("sqlite") ? Long.toString(millis)
                : "TIMESTAMP '" + new Timestamp(millis) + "'";
    }

    @Benchmark
    public long acquireAndRelease() throws SQLException {
        switch (impl) {
            case "steadfast" -> {
                Lease lease = leases.acquire(LOCK, "bench", HOLD).orElseThrow();
                leases.release(lease).orElseThrow();
            }
            case "shedlock" -> {
                // ShedLock compares lock_until with the wall clock the unlock wrote it from; on PostgreSQL (microsecond
                // timestamps) the next cycle can read a time not yet past it and is refused. A user would ask again,
                // so the benchmark does, and pays the retry; a lock still refused after that is an error.
                // H2 too, now and then. Bounded by time, not attempts: 100 attempts can pass within one clock tick.
                Optional<SimpleLock> lock = Optional.empty();
                long deadline = System.nanoTime() + 1_000_000_000L;
                while (lock.isEmpty() && System.nanoTime() < deadline) {
                    lock = shedlock.lock(new LockConfiguration(Instant.now(), LOCK, HOLD, Duration.ZERO));
                }
                lock.orElseThrow(() -> new IllegalStateException("ShedLock refused a free lock for 1 s at cycle "
                        + cycles)).unlock();
            }
            default -> {
                Instant now = Instant.now();
                take.setTimestamp(1, Timestamp.from(now.plus(HOLD)));
                take.setTimestamp(2, Timestamp.from(now));
                take.setString(3, "bench");
                take.setString(4, LOCK);
                take.setTimestamp(5, Timestamp.from(now));
                if (take.executeUpdate() != 1) {
                    throw new IllegalStateException("the raw lock was not free at cycle " + cycles);
                }
                giveBack.setTimestamp(1, Timestamp.from(Instant.now()));
                giveBack.setString(2, LOCK);
                giveBack.executeUpdate();
            }
        }
        return ++cycles;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
    }
}
