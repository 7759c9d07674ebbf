package dev.steadfast.backend.postgresql;

import dev.steadfast.jdbc.ConnectionSource;
import dev.steadfast.jdbc.FailureKind;
import dev.steadfast.spi.NoSuchStoreException;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.StoreIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The steps before the JDBC store takes over: reach the server, make sure the schema exists, check fsync. */
final class PostgresOpening {
    private PostgresOpening() {
    }

    /** Starts the pool, turning "cannot connect" into one line naming host and port (never the password). */
    static ConnectionSource startPool(PostgresConfig config, PostgresDialect dialect) {
        try {
            return PooledConnections.start(config);
        } catch (RuntimeException e) {
            SQLException cause = sqlCause(e);
            String reason = firstLine(cause != null ? cause : rootCause(e));
            FailureKind kind = cause == null ? FailureKind.CONNECTION_LOST : dialect.classify(cause);
            String what = "PostgreSQL at " + config.hostAndPort() + " (database '" + config.database()
                    + "', user '" + config.user() + "')";
            if (kind == FailureKind.CANNOT_OPEN) {
                throw new StoreConfigurationException(what + " refused the connection: " + reason, e);
            }
            if (tlsFailure(e)) {
                // retrying cannot help: the server lacks TLS or its certificate is not the one the URI trusts
                throw new StoreConfigurationException("the TLS connection to " + what + " failed as configured ("
                        + config.tls().describe() + "): " + reason, e);
            }
            throw new StoreIOException("cannot reach " + what + ": " + reason, e);
        }
    }

    /**
     * Creates {@code schema} if it is missing (checking first, so a user without CREATE on the database can open
     * a schema someone else created) and tells whether the server syncs its WAL at all. With {@code create} false
     * a missing schema is {@link NoSuchStoreException} and nothing is created.
     *
     * @return false when the server runs with {@code fsync = off}: then nothing it acknowledges is durable
     */
    static boolean prepareSchema(ConnectionSource source, PostgresDialect dialect, String schema, String location,
                                 boolean create) {
        Connection c;
        try {
            c = source.borrow(ConnectionSource.Use.WRITE);
        } catch (SQLException e) {
            throw translate(dialect, e, location);
        }
        boolean broken = false;
        try {
            if (!schemaExists(c, schema)) {
                if (!create) {
                    throw new NoSuchStoreException("no such store: schema '" + schema + "' does not exist in "
                            + location + " (opened with create=false, so nothing was created)");
                }
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"");
                } catch (SQLException e) {
                    // another JVM created it at the same moment: the catalog's unique index says so
                    if (!schemaExists(c, schema)) {
                        throw e;
                    }
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW fsync")) {
                return !rs.next() || !"off".equalsIgnoreCase(rs.getString(1));
            }
        } catch (SQLException e) {
            broken = true;
            throw translate(dialect, e, location);
        } finally {
            source.release(c, ConnectionSource.Use.WRITE, broken);
        }
    }

    private static boolean schemaExists(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static StoreException translate(PostgresDialect dialect, SQLException e, String location) {
        String message = "PostgreSQL store " + location + ": preparing schema failed: " + firstLine(e);
        return dialect.classify(e) == FailureKind.CANNOT_OPEN
                ? new StoreConfigurationException(message, e)
                : new StoreIOException(message, e);
    }

    private static boolean tlsFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (t instanceof javax.net.ssl.SSLException || m.contains("SSL") || m.contains("hostnameverifier")) {
                return true;
            }
        }
        return false;
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
