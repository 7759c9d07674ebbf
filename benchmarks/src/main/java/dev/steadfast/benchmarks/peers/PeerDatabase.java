package dev.steadfast.benchmarks.peers;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.steadfast.Steadfast;
import dev.steadfast.benchmarks.postgresql.BenchServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One trial's database for a peer comparison: the same engine and durability for Steadfast and the peer, each in
 * its own file (SQLite, H2) or schema (PostgreSQL), so neither reads the other's pages. SQLite runs in WAL mode with
 * {@code synchronous=FULL} as Steadfast's {@code sqlite:} does; H2 with the same {@code WRITE_DELAY} on both sides:
 * Steadfast's {@code h2:} default 0 (no acknowledged write lost on {@code kill -9}), or H2's own default 500 ms
 * that the peer's users run, set for Steadfast with {@code h2:...?writeDelayMs=500}. PostgreSQL is a throwaway
 * server with its default durability ({@link BenchServer}).
 */
final class PeerDatabase implements AutoCloseable {
    private static final String TRIAL = Long.toString(System.currentTimeMillis(), 36)
            + Long.toString(System.nanoTime() & 0xffff, 36);
    private static final java.util.concurrent.atomic.AtomicInteger OPENED = new java.util.concurrent.atomic.AtomicInteger();

    /** This database's own suffix: one JVM may open several (LeaseFairnessBenchmark opens one per case). */
    private final String id = TRIAL + "_" + OPENED.incrementAndGet();

    final String engine;
    private final int writeDelayMs;
    private final Path dir;
    private final BenchServer server;
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** @param engine {@code sqlite}, {@code h2} or {@code postgresql} */
    PeerDatabase(String engine) {
        this(engine, 0);
    }

    /**
     * @param engine       {@code sqlite}, {@code h2} or {@code postgresql}
     * @param writeDelayMs H2's {@code WRITE_DELAY} for every side (0 to 60,000); must be 0 for the other engines,
     *                     whose durability has no such setting here
     */
    PeerDatabase(String engine, int writeDelayMs) {
        this.engine = engine;
        if (writeDelayMs < 0 || writeDelayMs > 60_000 || writeDelayMs != 0 && !engine.equals("h2")) {
            throw new IllegalArgumentException("writeDelayMs must be 0 to 60000, and 0 unless engine is h2; was "
                    + writeDelayMs + " for " + engine);
        }
        this.writeDelayMs = writeDelayMs;
        try {
            Path base = Path.of(System.getProperty("steadfast.bench.dir", System.getProperty("java.io.tmpdir")));
            dir = Files.createTempDirectory(base, "peer-bench-" + engine);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        switch (engine) {
            case "sqlite", "h2" -> server = null;
            case "postgresql" -> {
                server = BenchServer.start();
                server.execute("CREATE SCHEMA " + peerSchema());
            }
            default -> throw new IllegalArgumentException("engine must be sqlite, h2 or postgresql, was " + engine);
        }
    }

    /** Steadfast on this engine, opened by URI with core's group commit, as an application opens it. */
    Steadfast steadfast() {
        String uri = switch (engine) {
            case "sqlite" -> "sqlite:" + dir.resolve("steadfast.db");
            case "h2" -> "h2:" + dir.resolve("steadfast") + (writeDelayMs == 0 ? "" : "?writeDelayMs=" + writeDelayMs);
            default -> server.storeUri("steadfast_" + id, 16);
        };
        Steadfast steadfast = Steadfast.open(uri);
        opened.add(steadfast);
        return steadfast;
    }

    /** The JDBC URL of the peer's (and the raw baseline's) database. */
    String jdbcUrl() {
        return switch (engine) {
            case "sqlite" -> "jdbc:sqlite:" + dir.resolve("peer.db")
                    + "?journal_mode=WAL&synchronous=FULL&busy_timeout=5000";
            case "h2" -> "jdbc:h2:file:" + dir.resolve("peer") + ";WRITE_DELAY=" + writeDelayMs;
            // public too: Pekko's schema script names its tables public.*, the others create theirs unqualified
            default -> server.jdbcUrl() + "&currentSchema=" + peerSchema() + ",public";
        };
    }

    /** A name unique to this trial, so trials sharing one server ({@code -Dsteadfast.bench.pg}) never meet. */
    static String trial() {
        return TRIAL;
    }

    /** The user the peer connects as: {@code postgres} on PostgreSQL, none elsewhere. */
    String user() {
        return server == null ? "" : "postgres";
    }

    /** A pooled data source over {@link #jdbcUrl()}, as the peer's users configure it. */
    HikariDataSource pool(int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl());
        config.setMaximumPoolSize(size);
        config.setPoolName("peer-" + engine);
        HikariDataSource pool = new HikariDataSource(config);
        opened.add(pool);
        return pool;
    }

    /** A plain auto-commit connection for the raw baseline. */
    Connection raw() throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl());
        opened.add(c);
        return c;
    }

    /** Runs DDL on the peer's database. */
    void execute(String... sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl()); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("peer benchmark setup failed: " + e, e);
        }
    }

    private String peerSchema() {
        return "peer_" + id;
    }

    /** Closes what was handed out (last first), stops the server, removes the files. */
    @Override
    public void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                System.out.println("cannot close " + opened.get(i) + ": " + e);
            }
        }
        opened.clear();
        if (server != null) {
            server.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
