package dev.steadfast.jdbc;

/**
 * What kind of failure a driver's {@link java.sql.SQLException} stands for, as told by a {@link Dialect}. The JDBC
 * store turns each kind into the matching {@link dev.steadfast.spi.StoreException} subclass, so no raw driver
 * exception ever reaches a caller.
 */
public enum FailureKind {
    /** The connection to the database broke; the current write's outcome may be unknown. */
    CONNECTION_LOST,
    /**
     * Another writer held the database (or a lock) longer than the configured timeout; nothing was written. Thrown
     * as a {@link dev.steadfast.spi.StoreBusyException}, which says a retry is safe, unless it struck a commit
     * (then a {@link dev.steadfast.spi.WriteOutcomeUnknownException}, as every fault of a commit is).
     */
    BUSY,
    /**
     * The database aborted the transaction to keep transactions serialisable (serialization failure, deadlock, a
     * lost race on inserting the same key); the transaction was rolled back and may simply be run again.
     */
    RETRYABLE,
    /** The location is not a database of this dialect at all. */
    NOT_A_DATABASE,
    /** The database reports that its own files are damaged. */
    CORRUPT,
    /** The database or its file may not be written. */
    READ_ONLY,
    /** The disk or the database quota is full. */
    DISK_FULL,
    /** The database could not be opened at the location (missing directory, permissions). */
    CANNOT_OPEN,
    /** Anything else. */
    OTHER
}
