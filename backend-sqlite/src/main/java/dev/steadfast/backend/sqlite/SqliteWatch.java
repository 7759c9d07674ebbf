package dev.steadfast.backend.sqlite;

import dev.steadfast.jdbc.ConnectionSource;
import dev.steadfast.spi.StoreEvent;
import dev.steadfast.spi.StoreGauge;
import dev.steadfast.spi.StoreMonitor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * A SQLite file's connections, each with a {@link BusyWait} handler, reporting how long a borrower waited for
 * another process's lock when it gives the connection back, and its waits for this process's writer lock of the
 * file ({@link TimedWriterLock}); offering the WAL's backlog (bytes not yet checkpointed, {@link WalBacklog}) as a
 * gauge.
 */
final class SqliteWatch implements ConnectionSource {
    private final PooledSource pool;
    private final WalBacklog wal;
    private final TimedWriterLock writerLock;
    private final Map<Connection, BusyWait> waits = Collections.synchronizedMap(new WeakHashMap<>());
    private volatile StoreMonitor monitor;

    SqliteWatch(Path file, long busyTimeoutMs, TimedWriterLock writerLock, PooledSource.Opener opener) {
        this.wal = new WalBacklog(file);
        this.writerLock = writerLock;
        this.pool = new PooledSource(use -> {
            Connection c = opener.open(use);
            try {
                BusyWait wait = new BusyWait(busyTimeoutMs);
                BusyWait.setHandler(c, wait); // replaces the connection's busy_timeout, keeping its timeout
                waits.put(c, wait);
                return c;
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        });
    }

    @Override
    public Connection borrow(Use use) throws SQLException {
        return pool.borrow(use);
    }

    @Override
    public void release(Connection connection, Use use, boolean broken) {
        BusyWait wait = waits.get(connection);
        long waited = wait == null ? 0 : wait.takeWaited();
        StoreMonitor m = monitor;
        if (waited > 0 && m != null) {
            m.onEvent(new StoreEvent.LockWaited(waited, StoreEvent.LockWaited.Scope.DATABASE));
        }
        pool.release(connection, use, broken);
    }

    @Override
    public void monitor(StoreMonitor monitor) {
        monitor.gauge(StoreGauge.WAL_BYTES, wal::bytes);
        this.monitor = monitor;
        writerLock.monitor(monitor);
    }

    @Override
    public void close() {
        pool.close();
    }
}
