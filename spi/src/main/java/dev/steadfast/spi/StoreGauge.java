package dev.steadfast.spi;

/** A level a backend can read at any moment, offered to {@link StoreMonitor#gauge}. */
public enum StoreGauge {
    /** Bytes in the database's write-ahead log not yet folded into the main file (SQLite's {@code -wal} file). */
    WAL_BYTES,
    /** Pooled connections lent out right now. */
    POOL_ACTIVE,
    /** Pooled connections open and idle. */
    POOL_IDLE,
    /** Callers waiting for a pooled connection. */
    POOL_PENDING,
    /** The most connections the pool will open. */
    POOL_MAX
}
