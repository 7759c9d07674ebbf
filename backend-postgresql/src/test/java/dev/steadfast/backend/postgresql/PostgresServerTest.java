package dev.steadfast.backend.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void sharedServerAcceptsConnectionsWithFsyncOn() throws SQLException {
        PostgresServer server = PostgresServer.shared();
        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW fsync")) {
            assertTrue(rs.next());
            assertEquals("on", rs.getString(1));
        }
        assertFalse(server.serverVersion().isBlank());
    }

    @Test
    void immediateRestartDropsConnectionsButKeepsCommittedRows() throws SQLException {
        PostgresServer server = PostgresServer.shared();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS fixture_restart (v int)");
            s.execute("INSERT INTO fixture_restart VALUES (42)");
            server.restartImmediate();
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1").close());
        }
        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM fixture_restart WHERE v = 42")) {
            assertTrue(rs.next());
            assertTrue(rs.getInt(1) >= 1);
        }
    }

    @Test
    void terminateBackendsKillsOnlyTheMatchingConnection() throws SQLException {
        PostgresServer server = PostgresServer.shared();
        try (Connection victim = server.connect(); Connection bystander = server.connect()) {
            victim.setClientInfo("ApplicationName", "fixture-victim");
            assertEquals(1, server.terminateBackends("application_name = 'fixture-victim'"));
            assertThrows(SQLException.class, () -> victim.createStatement().executeQuery("SELECT 1").close());
            assertTrue(bystander.isValid(5));
        }
    }
}
