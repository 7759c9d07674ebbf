package dev.steadfast.backend.postgresql;

import dev.steadfast.spi.StoreEvent;
import dev.steadfast.spi.StoreMonitor;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Notices a store losing its connection to the server and working again: logs both (the location only, never a
 * password) and reports the recovery to the monitor with the time it took. Thread-safe.
 */
final class Reconnects {
    private static final System.Logger LOG = System.getLogger(PostgresWarnings.LOGGER);

    private final String location;
    private final AtomicLong lostAt = new AtomicLong(); // System.nanoTime() of the loss, 0 while connected
    private volatile StoreMonitor monitor;

    Reconnects(String location) {
        this.location = location;
    }

    void monitor(StoreMonitor monitor) {
        this.monitor = monitor;
    }

    /** A connection broke in the store's hands. */
    void lost() {
        long now = System.nanoTime();
        if (lostAt.compareAndSet(0, now == 0 ? 1 : now)) {
            LOG.log(Level.WARNING, () -> "PostgreSQL store " + location + " lost its connection to the server;"
                    + " calls fail until a new connection works");
        }
    }

    /** A call finished on a connection without it breaking. */
    void worked() {
        long since = lostAt.get();
        if (since == 0 || !lostAt.compareAndSet(since, 0)) {
            return;
        }
        long nanos = Math.max(0, System.nanoTime() - since);
        LOG.log(Level.INFO, () -> "PostgreSQL store " + location + " reconnected to the server "
                + nanos / 1_000_000 + " ms after losing its connection");
        StoreMonitor m = monitor;
        if (m != null) {
            m.onEvent(new StoreEvent.Reconnected(nanos));
        }
    }
}
