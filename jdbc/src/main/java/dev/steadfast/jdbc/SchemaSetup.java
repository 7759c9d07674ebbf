package dev.steadfast.jdbc;

import dev.steadfast.spi.IncompatibleFormatException;
import dev.steadfast.spi.NoSuchStoreException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Makes sure the database is a Steadfast store at {@link Schema#CURRENT}: refuses a foreign or newer database
 * before writing anything, creates the tables in an empty one, migrates an older one forward.
 */
final class SchemaSetup {
    private final Dialect dialect;
    private final ConnectionSource source;
    private final String location;

    SchemaSetup(Dialect dialect, ConnectionSource source, String location) {
        this.dialect = dialect;
        this.source = source;
        this.location = location;
    }

    void run(boolean create) {
        Connection c;
        try {
            c = source.borrow(ConnectionSource.Use.WRITE);
        } catch (SQLException e) {
            throw Failures.translate(dialect, e, location, "opening", Failures.Outcome.NOT_WRITTEN);
        }
        boolean broken = false;
        try {
            int stored = Schema.storedVersion(c, dialect, location);
            Schema.requireReadable(stored, location);
            if (!create) {
                requireExisting(stored);
                return;
            }
            dialect.configureDatabase(c);
            if (stored < Schema.CURRENT) {
                upgrade(c);
                dialect.syncSchema(c);
            }
        } catch (SQLException e) {
            broken = true;
            throw Failures.translate(dialect, e, location, "checking the schema", Failures.Outcome.NOT_WRITTEN);
        } catch (RuntimeException e) {
            broken = true;
            throw e;
        } finally {
            source.release(c, ConnectionSource.Use.WRITE, broken);
        }
    }

    /** An existing store is opened as found: a store already at the current version needs no configuring. */
    private void requireExisting(int stored) {
        if (stored == 0) {
            throw new NoSuchStoreException("no such store: " + location + " holds no Steadfast tables (opened "
                    + "with create=false, so nothing was created)");
        }
        if (stored < Schema.CURRENT) {
            throw new IncompatibleFormatException(location + " has Steadfast schema version " + stored + ", older "
                    + "than this code's " + Schema.CURRENT + "; it was opened with create=false, so it was not "
                    + "migrated: open it once without create=false to migrate it");
        }
    }

    /** Checks again inside the transaction: another process may have created or migrated the schema meanwhile. */
    private void upgrade(Connection c) throws SQLException {
        dialect.begin(c);
        try {
            dialect.lockSchema(c);
            int stored = Schema.storedVersion(c, dialect, location);
            Schema.requireReadable(stored, location);
            if (stored < Schema.CURRENT) {
                Schema.migrate(c, dialect, stored);
            }
            dialect.commit(c);
        } catch (SQLException | RuntimeException e) {
            try {
                dialect.rollback(c);
            } catch (SQLException ignored) {
                // the original failure says more
            }
            throw e;
        }
    }
}
