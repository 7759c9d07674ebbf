package dev.steadfast.spi;

/** A level a backend can read at any moment, offered to {@link StoreMonitor#gauge}. */
public enum StoreGauge {
    /**
     * Bytes of the database's write-ahead log not yet checkpointed into the database: grows with writes and drops
     * back (to zero when it catches up) at each checkpoint. Not the WAL file's size on disk, which SQLite keeps at
     * its high-water mark and reuses from the start after a checkpoint.
     */
    WAL_BYTES,
    /**
     * Size of the database file on disk (H2's {@code .mv.db}, which grows with each commit and shrinks when the
     * database reclaims the space of chunks without live data).
     */
    FILE_BYTES,
    /** Pooled connections lent out right now. */
    POOL_ACTIVE,
    /** Pooled connections open and idle. */
    POOL_IDLE,
    /** Callers waiting for a pooled connection. */
    POOL_PENDING,
    /** The most connections the pool will open. */
    POOL_MAX
}
