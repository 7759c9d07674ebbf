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
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One way of taking a lock and giving it back, on a database of its own ({@link PeerDatabase}): Steadfast's lease
 * ({@code Leases.acquire} then {@code release}, each one durable fence compare-and-set through core's group commit),
 * ShedLock's {@code JdbcTemplateLockProvider} ({@code lock} then {@code unlock}, over a HikariCP pool, with
 * ShedLock's table and its default statements), or the raw baseline: the two auto-commit {@code UPDATE}s ShedLock's
 * default statements amount to (take the row if its lock has run out, then end the lock now), on one plain
 * connection.
 */
final class LeaseCycle implements AutoCloseable {
    private static final String LOCK = "bench-lock";
    private static final Duration HOLD = Duration.ofMinutes(5);

    private final String impl;
    private final PeerDatabase database;
    private Leases leases;
    private LockProvider shedlock;
    private PreparedStatement take;
    private PreparedStatement giveBack;
    private long cycles;

    /**
     * @param db   {@code sqlite}, {@code h2} or {@code postgresql}
     * @param impl {@code steadfast}, {@code shedlock} or {@code raw}
     */
    LeaseCycle(String db, String impl) throws SQLException {
        this.impl = impl;
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

    /** Takes the lock and gives it back once; returns the cycles run so far. */
    long run() throws SQLException {
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

    @Override
    public void close() {
        database.close();
    }
}
