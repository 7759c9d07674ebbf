package dev.steadfast.backend.sqlite;

import dev.steadfast.jdbc.ConnectionSource;
import dev.steadfast.spi.StoreGauge;
import dev.steadfast.spi.StoreMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An H2 store's connections, reporting its waits for the database's writer lock ({@link TimedWriterLock}) and
 * offering the size of its {@code .mv.db} file as a gauge. H2 writes each commit as a new chunk at the end of the
 * file and reclaims the space of chunks that hold no live data only later (in the background as the fill rate
 * drops, and when the database closes), so the file's size is what an operator watches for growth; an in-memory
 * store has no file and offers no gauge. An H2 file belongs to one process, so the writer lock is the only lock
 * a Steadfast write waits for.
 *
 * <p>A caller's interrupt is set aside while it holds a connection and set again when it gives it back: H2 reads
 * and writes through {@code FileChannel}s shared by every connection, and a channel an interrupted thread touches
 * is closed, and H2 then closes the whole database. An interrupt that arrives from another thread while a
 * connection is in use still reaches H2. (H2's {@code retry:} file system would reopen such a channel, but a
 * {@code jdbc:h2:retry:} database is another database to H2 than the {@code jdbc:h2:file:} one of the same file,
 * so any other connection this process opens to that file would be refused.)
 */
final class H2Watch implements ConnectionSource {
    private final ConnectionSource pool;
    private final Path file;
    private final TimedWriterLock writerLock;
    private final Runnable closed;
    /** Connections borrowed by a thread whose interrupt was set aside, to be set again on their release. */
    private final Set<Connection> interruptedBorrowers = ConcurrentHashMap.newKeySet();

    /**
     * {@code file} is the {@code .mv.db} file, or null for an in-memory database; {@code closed} runs once the
     * connections are closed.
     */
    H2Watch(ConnectionSource pool, Path file, TimedWriterLock writerLock, Runnable closed) {
        this.pool = pool;
        this.file = file;
        this.writerLock = writerLock;
        this.closed = closed;
    }

    @Override
    public Connection borrow(Use use) throws SQLException {
        boolean interrupted = Thread.interrupted();
        Connection c;
        try {
            c = pool.borrow(use);
        } catch (SQLException | RuntimeException e) {
            restore(interrupted);
            throw e;
        }
        if (interrupted) {
            interruptedBorrowers.add(c);
        }
        return c;
    }

    @Override
    public void release(Connection connection, Use use, boolean broken) {
        try {
            pool.release(connection, use, broken);
        } finally {
            restore(interruptedBorrowers.remove(connection));
        }
    }

    private static void restore(boolean interrupted) {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void monitor(StoreMonitor monitor) {
        writerLock.monitor(monitor);
        if (file != null) {
            monitor.gauge(StoreGauge.FILE_BYTES, this::fileBytes);
        }
    }

    @Override
    public void close() {
        try {
            pool.close();
        } finally {
            closed.run();
        }
    }

    private long fileBytes() {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            return -1; // unreadable: a gauge must not throw
        }
    }
}
