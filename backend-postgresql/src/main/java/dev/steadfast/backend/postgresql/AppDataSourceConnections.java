package dev.steadfast.backend.postgresql;

import dev.steadfast.jdbc.ConnectionSource;
import dev.steadfast.jdbc.FailureKind;
import dev.steadfast.spi.StoreMonitor;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Connections from the application's own {@link DataSource}. Each borrowed connection is pointed at the store's
 * schema with the session settings the store's correctness and durability rely on, and given back with those
 * settings reset, so the application's other users of its pool see the connection as they left it. A connection
 * that broke in the store's hands, or one the data source could not make or hand over working (the server down or
 * unreachable), and the first call that works after it, are logged and reported as a reconnect; a data source that
 * is only busy (its pool exhausted, no connection failure behind it) is not a lost connection.
 */
final class AppDataSourceConnections implements ConnectionSource {
    private final DataSource dataSource;
    private final String enter;
    private final Reconnects reconnects;

    AppDataSourceConnections(DataSource dataSource, String schema, String location) {
        this.dataSource = dataSource;
        this.reconnects = new Reconnects(location);
        this.enter = "SET search_path TO \"" + schema + "\"; " + PostgresSession.SETTINGS_SQL;
    }

    @Override
    public Connection borrow(Use use) throws SQLException {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw noted(e);
        }
        try (Statement s = c.createStatement()) {
            s.execute(enter);
            return c;
        } catch (SQLException e) {
            c.close(); // a pool sees the failure and drops a dead connection; the store must not hand it back
            throw noted(e);
        }
    }

    /** {@code e}, noted as a lost connection first if the server could not be reached through it. */
    private SQLException noted(SQLException e) {
        if (unreachable(e)) {
            reconnects.lost();
        }
        return e;
    }

    /**
     * Whether the failure, or one behind it, is the server being unreachable: an I/O error, or a connection-class
     * state. HikariCP's "connection is not available" carries the failure of its last attempt to connect as its
     * cause and state, and nothing when its pool was merely exhausted.
     */
    static boolean unreachable(SQLException e) {
        return PostgresDialect.byCause(e) == FailureKind.CONNECTION_LOST;
    }

    @Override
    public void release(Connection connection, Use use, boolean broken) {
        if (broken) {
            reconnects.lost();
        } else {
            reconnects.worked();
        }
        try (connection) {
            if (!broken) {
                try (Statement s = connection.createStatement()) {
                    s.execute("RESET search_path; " + PostgresSession.RESET_SQL);
                }
            }
        } catch (SQLException ignored) {
            // the application's pool validates connections it gets back
        }
    }

    /** Reconnects only: the pool's levels are the application's to report. */
    @Override
    public void monitor(StoreMonitor monitor) {
        reconnects.monitor(monitor);
    }

    /** The application owns its data source; the store leaves it open. */
    @Override
    public void close() {
    }
}
