package dev.steadfast.jdbc;

import dev.steadfast.spi.StoreMonitor;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the JDBC store gets its connections: a pool, a single embedded connection, an application's
 * {@code DataSource}. The store borrows a connection for one transaction or one cursor and always gives it back.
 *
 * <p>Connections handed out for {@link Use#WRITE} are in auto-commit mode; the {@link Dialect} starts and ends
 * transactions on them. Connections for {@link Use#READ} stay in auto-commit mode unless
 * {@link Dialect#cursorsNeedTransaction()} says otherwise (the store then restores it before giving back).
 *
 * <p>Implementations are thread-safe. A source with a single write connection may hand it out to one borrower at a
 * time only if the dialect declares {@link Dialect#singleWriter()}, in which case the store never borrows it twice
 * at once.
 */
public interface ConnectionSource extends AutoCloseable {

    /** What a borrowed connection is used for. */
    enum Use {
        /** A read: one query, or a cursor kept open while the caller consumes a stream. */
        READ,
        /** A write transaction. */
        WRITE
    }

    /**
     * A connection for {@code use}, exclusive to the caller until {@link #release}.
     *
     * @param use what the connection is for; a source may keep separate connections for reads and writes
     * @return an open connection in auto-commit mode
     * @throws SQLException if no connection can be had; the store classifies it through its dialect
     */
    Connection borrow(Use use) throws SQLException;

    /**
     * Gives a connection back.
     *
     * @param connection a connection {@link #borrow} returned and not yet released, back in auto-commit mode
     * @param use        what it was borrowed for
     * @param broken true when the store saw the connection fail (or could not roll it back): the source must not
     *               hand it out again
     */
    void release(Connection connection, Use use, boolean broken);

    /**
     * Reports what this source sees of the database (lock waits, reconnects, pool levels) to {@code monitor}; the
     * store calls it from {@link dev.steadfast.spi.Store#monitor}, at most once, before it is shared. The default
     * reports nothing.
     *
     * @param monitor where to report; quick, thread-safe and never throwing
     */
    default void monitor(StoreMonitor monitor) {
    }

    /** Closes every connection this source holds; connections still borrowed are closed when released. */
    @Override
    void close();
}
