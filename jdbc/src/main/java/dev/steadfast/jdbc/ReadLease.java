package dev.steadfast.jdbc;

import dev.steadfast.spi.StoreClosedException;
import dev.steadfast.spi.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A read connection borrowed for one query or one open cursor, given back exactly once: when the cursor ends,
 * when its stream is closed, when it fails, or when the store closes under it.
 */
final class ReadLease implements AutoCloseable {
    private final JdbcStore store;
    private final Connection connection;
    private final boolean inTransaction;
    private final AtomicBoolean released = new AtomicBoolean();
    private PreparedStatement statement;

    ReadLease(JdbcStore store, Connection connection, boolean inTransaction) {
        this.store = store;
        this.connection = connection;
        this.inTransaction = inTransaction;
    }

    PreparedStatement prepare(String sql, int fetchSize) throws SQLException {
        statement = connection.prepareStatement(sql);
        if (fetchSize > 0) {
            statement.setFetchSize(fetchSize);
        }
        return statement;
    }

    void ensureUsable() {
        if (released.get()) {
            throw new StoreClosedException(store.location());
        }
    }

    StoreException fail(SQLException e, String during) {
        release(true);
        return store.translate(e, during);
    }

    @Override
    public void close() {
        release(false);
    }

    private void release(boolean broken) {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        boolean ok = !broken;
        try {
            if (statement != null) {
                statement.close();
            }
            if (inTransaction && ok) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            ok = false;
        }
        store.released(this, connection, !ok);
    }
}
