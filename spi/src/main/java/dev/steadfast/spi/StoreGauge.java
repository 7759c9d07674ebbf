package dev.steadfast.spi;

/** A level a backend can read at any moment, offered to {@link StoreMonitor#gauge}. */
public enum StoreGauge {
    /**
     * Size of the database's write-ahead log file (SQLite's {@code -wal}, which a checkpoint empties only
     * logically, so this is the log's high-water mark since it was last truncated).
     */
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
