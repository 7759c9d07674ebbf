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
    static final String SCHEMA = "bench";
    static final String RAW_JOURNAL = "raw.journal";
    static final String RAW_FENCES = "raw.fences";

    final BenchServer server = BenchServer.start();
    final AtomicLong operations = new AtomicLong();
    private final long walSyncsAtStart;
    private Steadfast steadfast;

    BenchFixture() {
        server.execute("CREATE SCHEMA raw",
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
                    .open(server.storeUri(SCHEMA, poolSize));
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
        } finally {
            server.close();
        }
    }
}
