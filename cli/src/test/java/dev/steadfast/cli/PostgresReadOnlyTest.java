package dev.steadfast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import dev.steadfast.backend.postgresql.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code inspect} and {@code verify} on a PostgreSQL store write nothing: no WAL record carries a transaction id
 * (any insert, update, delete, row lock or DDL takes one), and every row of the store, with the system columns an
 * update or a lock would change, and the database's list of schemas and tables read back the same.
 */
class PostgresReadOnlyTest {
    @Test
    void inspectAndVerifyOfAPostgresStoreWriteNoWalAndChangeNoRow() throws SQLException {
        PostgresServer server = PostgresServer.shared();
        String schema = "cli_read_only_" + ProcessHandle.current().pid();
        String uri = server.storeUri(schema);
        try (Steadfast s = Steadfast.open(uri)) {
            Fixtures.populate(s.store());
        }
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_walinspect");
            // leaves autovacuum nothing to do during the runs and sets every hint bit, so that only the commands act
            s.execute("VACUUM ANALYZE");
        }
        List<String> before = state(server, schema);
        String startLsn = lsn(server);
        for (String command : List.of("inspect", "verify")) {
            Run run = Run.of(command, "--store", uri);
            assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        }
        assertEquals(List.of(), transactionalWal(server, startLsn), "WAL written by a transaction during the runs");
        assertEquals(before, state(server, schema), "inspect or verify changed the database");
        assertTrue(before.stream().anyMatch(row -> row.contains("orders/7")), before::toString);
    }

    /** Every schema and table of the database, then every row of the store with its xmin, xmax and ctid. */
    private static List<String> state(PostgresServer server, String schema) throws SQLException {
        List<String> rows = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN "
                    + "pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', "
                    + "'information_schema', 'pg_toast') ORDER BY 1, 2")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "." + rs.getString(2) + " " + rs.getString(3));
                    if (rs.getString(1).equals(schema) && rs.getString(3).equals("r")) {
                        tables.add(rs.getString(2));
                    }
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT xmin, xmax, ctid, t::text FROM \"" + schema + "\".\""
                        + table + "\" t ORDER BY ctid")) {
                    while (rs.next()) {
                        rows.add(table + " " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " "
                                + rs.getString(4));
                    }
                }
            }
        }
        return rows;
    }

    private static String lsn(PostgresServer server) throws SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The WAL records since {@code startLsn} that a transaction wrote (background records carry no xid). */
    private static List<String> transactionalWal(PostgresServer server, String startLsn) throws SQLException {
        List<String> records = new ArrayList<>();
        try (Connection c = server.connect(); PreparedStatement ps = c.prepareStatement("SELECT resource_manager,"
                + " record_type, xid::text, description FROM pg_get_wal_records_info(?::pg_lsn, "
                + "pg_current_wal_lsn()) WHERE xid::text <> '0'")) {
            ps.setString(1, startLsn);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    records.add(rs.getString(1) + "/" + rs.getString(2) + " xid " + rs.getString(3) + ": "
                            + rs.getString(4));
                }
            }
        }
        return records;
    }
}
