package dev.steadfast.jdbc;

import dev.steadfast.spi.IncompatibleFormatException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The store's tables, their version and the forward migrations between versions.
 *
 * <p>A database is recognised as a Steadfast store by its {@code schema_version} row. A database with other
 * tables but no such row, or with a newer version than {@link #CURRENT}, is refused before anything is written,
 * except one holding only empty tables of the store's own: what a creation that did not finish leaves.
 */
final class Schema {
    /** The schema version this code writes and reads. */
    static final int CURRENT = 1;
    static final String COMPONENT = "steadfast";
    static final Set<String> TABLES = Set.of("schema_version", "streams", "journal", "snapshots", "records", "fences");

    private Schema() {
    }

    /** Statements that take a database from {@code version - 1} to {@code version}. */
    static List<String> migrationTo(int version, Dialect d) {
        if (version != 1) {
            throw new IllegalStateException("no migration to schema version " + version);
        }
        String text = d.textType();
        String num = d.longType();
        String blob = d.payloadType();
        String opts = d.tableOptions();
        return List.of(
                "CREATE TABLE schema_version (component " + text + " NOT NULL PRIMARY KEY, version " + num
                        + " NOT NULL)" + opts,
                "CREATE TABLE streams (stream " + text + " NOT NULL PRIMARY KEY, head " + num + " NOT NULL)" + opts,
                "CREATE TABLE journal (stream " + text + " NOT NULL, seq " + num + " NOT NULL, payload " + blob
                        + " NOT NULL, PRIMARY KEY (stream, seq))" + d.journalTableOptions(),
                "CREATE TABLE snapshots (snapshot_key " + text + " NOT NULL PRIMARY KEY, covered_seq " + num
                        + " NOT NULL, payload " + blob + " NOT NULL)" + opts,
                "CREATE TABLE records (namespace " + text + " NOT NULL, record_key " + d.keyType()
                        + " NOT NULL, record_value " + blob + " NOT NULL, PRIMARY KEY (namespace, record_key))" + opts,
                "CREATE TABLE fences (name " + text + " NOT NULL PRIMARY KEY, owner " + text + " NOT NULL, epoch "
                        + num + " NOT NULL, token " + text + " NOT NULL, lease_until " + num + " NOT NULL)" + opts);
    }

    /**
     * The version stored, 0 for an empty database.
     *
     * @throws IncompatibleFormatException if the database holds tables but is not a Steadfast store
     */
    static int storedVersion(Connection c, Dialect d, String location) throws SQLException {
        Set<String> tables = d.tables(c);
        if (tables.isEmpty()) {
            return 0;
        }
        if (unfinished(c, tables)) {
            return 0;
        }
        if (!tables.contains("schema_version")) {
            throw new IncompatibleFormatException(location + " is not a Steadfast store: it is a " + d.name()
                    + " database holding other tables " + sample(tables) + " and no schema_version table");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM schema_version WHERE component = ?")) {
            ps.setString(1, COMPONENT);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IncompatibleFormatException(location + " has a schema_version table without a '"
                            + COMPONENT + "' row; it is not a Steadfast store");
                }
                long v = rs.getLong(1);
                if (v < 1 || v > Integer.MAX_VALUE) {
                    throw new IncompatibleFormatException(location + " records Steadfast schema version " + v
                            + ", which is not a valid version");
                }
                return (int) v;
            }
        }
    }

    /**
     * Whether the tables are what a schema creation that never finished leaves: only tables of the store's own,
     * every one of them empty, and no version row. Where DDL commits by itself (H2 commits each CREATE TABLE), a
     * first open that failed or was killed part-way leaves exactly this; it holds nothing, so creating the rest is
     * safe, where refusing it as foreign would make the file unusable for good.
     */
    private static boolean unfinished(Connection c, Set<String> tables) throws SQLException {
        if (!TABLES.containsAll(tables)) {
            return false;
        }
        for (String table : tables) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Rejects a version newer than the code. */
    static void requireReadable(int stored, String location) {
        if (stored > CURRENT) {
            throw new IncompatibleFormatException(location + " has Steadfast schema version " + stored
                    + ", this code reads versions up to " + CURRENT + "; upgrade Steadfast to open it");
        }
    }

    /** Brings the schema from {@code stored} to {@link #CURRENT}, inside the caller's transaction. */
    static void migrate(Connection c, Dialect d, int stored) throws SQLException {
        // tables an unfinished creation left (see unfinished) stay; version 1 only creates tables
        Set<String> present = stored == 0 ? d.tables(c) : Set.of();
        for (int v = stored + 1; v <= CURRENT; v++) {
            for (String ddl : migrationTo(v, d)) {
                if (v == 1 && present.contains(createdTable(ddl))) {
                    continue;
                }
                Dialect.execute(c, ddl);
            }
        }
        String sql = d.upsert("schema_version", List.of("component"), List.of("version"));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, COMPONENT);
            ps.setLong(2, CURRENT);
            ps.executeUpdate();
        }
    }

    private static String createdTable(String ddl) {
        int start = "CREATE TABLE ".length();
        return ddl.substring(start, ddl.indexOf(' ', start)).toLowerCase(java.util.Locale.ROOT);
    }

    private static String sample(Set<String> tables) {
        List<String> some = new TreeSet<>(tables).stream().limit(5).toList();
        return some + (tables.size() > some.size() ? " and " + (tables.size() - some.size()) + " more" : "");
    }
}
