package dev.steadfast.backend.sqlite;

import dev.steadfast.jdbc.ConnectionSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Connections to one embedded database, kept open between uses: a few idle ones per use, more opened on demand
 * (a caller holding many journal cursors open never waits for another). With a single-writer dialect the store
 * borrows for writing one at a time, so exactly one write connection exists and is reused.
 */
final class PooledSource implements ConnectionSource {
    /** Opens one configured connection. */
    interface Opener {
        Connection open(Use use) throws SQLException;
    }

    private static final int MAX_IDLE = 4;

    private final Opener opener;
    private final ConcurrentLinkedDeque<Connection> idleReaders = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<Connection> idleWriters = new ConcurrentLinkedDeque<>();
    private final Set<Connection> all = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    PooledSource(Opener opener) {
        this.opener = opener;
    }

    @Override
    public Connection borrow(Use use) throws SQLException {
        if (closed) {
            throw new SQLException("connection source is closed");
        }
        Connection c = idle(use).pollFirst();
        if (c != null) {
            return c;
        }
        c = opener.open(use);
        all.add(c);
        return c;
    }

    @Override
    public void release(Connection connection, Use use, boolean broken) {
        if (!broken && !closed && idle(use).size() < MAX_IDLE) {
            idle(use).offerFirst(connection);
            if (!closed) {
                return;
            }
            idle(use).remove(connection);
        }
        closeQuietly(connection);
    }

    @Override
    public void close() {
        closed = true;
        idleReaders.clear();
        idleWriters.clear();
        for (Connection c : all) {
            closeQuietly(c);
        }
    }

    private ConcurrentLinkedDeque<Connection> idle(Use use) {
        return use == Use.WRITE ? idleWriters : idleReaders;
    }

    private void closeQuietly(Connection c) {
        all.remove(c);
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to give back
        }
    }
}
