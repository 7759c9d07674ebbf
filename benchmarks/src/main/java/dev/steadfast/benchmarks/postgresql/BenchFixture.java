package dev.steadfast.benchmarks.postgresql;

import dev.steadfast.GroupCommitSettings;
import dev.steadfast.Steadfast;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every PostgreSQL benchmark trial holds: a fresh server, Steadfast opened by URI (so writes go through
 * core's group commit, as in an application), a raw table shaped like Steadfast's journal for the baseline, and
 * a count of WAL syncs per operation, printed at the end so a figure can be checked against the fsync floor.
 */
final class BenchFixture implements AutoCloseable {
    // Fresh schemas per trial, so that trials can share one server given with -Dsteadfast.bench.pg=host:port
    // (raw and Steadfast runs alternated against the same server and disk state).
    private static final String TRIAL = Long.toString(System.currentTimeMillis(), 36)
            + Long.toString(System.nanoTime() & 0xffff, 36);
    static final String SCHEMA = "bench_" + TRIAL;
    static final String RAW_SCHEMA = "raw_" + TRIAL;
    static final String RAW_JOURNAL = RAW_SCHEMA + ".journal";
    static final String RAW_FENCES = RAW_SCHEMA + ".fences";

    // More URI options for Steadfast's store, e.g. "&statementTimeoutMs=0", to see what a setting costs.
    private static final String STORE_OPTIONS = System.getProperty("steadfast.bench.pgStoreOptions", "");

    final BenchServer server = BenchServer.start();
    final AtomicLong operations = new AtomicLong();
    private final long walSyncsAtStart;
    private Steadfast steadfast;

    BenchFixture() {
        server.execute("CREATE SCHEMA " + RAW_SCHEMA,
                "CREATE TABLE " + RAW_JOURNAL + " (stream TEXT COLLATE \"C\" NOT NULL, seq BIGINT NOT NULL,"
                        + " payload BYTEA NOT NULL, PRIMARY KEY (stream, seq))",
                "CREATE TABLE " + RAW_FENCES + " (name TEXT COLLATE \"C\" NOT NULL PRIMARY KEY,"
                        + " owner TEXT COLLATE \"C\" NOT NULL, epoch BIGINT NOT NULL, token TEXT COLLATE \"C\" NOT NULL,"
                        + " lease_until BIGINT NOT NULL)");
        walSyncsAtStart = walSyncs();
    }

    Steadfast steadfast(int poolSize) {
        return steadfast(poolSize, 1);
    }

    /** Steadfast with core's group commit allowed {@code groupsInFlight} concurrent groups (1 is the default). */
    Steadfast steadfast(int poolSize, int groupsInFlight) {
        if (steadfast == null) {
            steadfast = Steadfast.builder()
                    .groupCommit(GroupCommitSettings.defaults().withMaxGroupsInFlight(groupsInFlight))
                    .open(server.storeUri(SCHEMA, poolSize) + STORE_OPTIONS);
        }
        return steadfast;
    }

    Connection raw() {
        try {
            return server.connect();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the benchmark server: " + e, e);
        }
    }

    private long walSyncs() {
        try (Connection c = raw(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT wal_sync FROM pg_stat_wal")) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    /**
     * Leaves a shared server as it was found. JMH may tear this down before the writers' raw connections, whose
     * open transactions would hold the DROP forever, so it waits a bounded time and otherwise says what it left.
     */
    private void dropSchemas() {
        try {
            server.execute("SET lock_timeout = '5s'", "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE",
                    "DROP SCHEMA " + RAW_SCHEMA + " CASCADE");
        } catch (IllegalStateException e) {
            System.out.printf("left schemas %s and %s on the server: %s%n", SCHEMA, RAW_SCHEMA, e.getMessage());
        }
    }

    @Override
    public void close() {
        long ops = operations.get();
        long syncs = walSyncs() - walSyncsAtStart;
        String group = steadfast == null ? "" : ", group commit " + steadfast.groupCommitStats()
                + String.format(" mean group %.1f", steadfast.groupCommitStats().meanGroupSize());
        System.out.printf("%n[postgresql %s] %d operations, %d WAL syncs (%.3f per operation)%s%n",
                server.version(), ops, syncs, ops == 0 ? 0.0 : (double) syncs / ops, group);
        try {
            if (steadfast != null) {
                steadfast.close();
            }
            dropSchemas();
        } finally {
            server.close();
        }
    }
}
