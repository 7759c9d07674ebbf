package dev.steadfast.spi;

import java.util.Objects;

/**
 * Something a backend did that an operator may want to count or time, reported to a {@link StoreMonitor}. Events
 * carry counts and durations only, never payloads, keys, locations or credentials. A backend reports the kinds
 * that apply to it and no others.
 */
public sealed interface StoreEvent {

    /**
     * A write waited for a lock another writer held, and then went on or gave up. {@code scope} says whose lock it
     * was, because the remedies differ: a wait on the {@link Scope#PROCESS process's} lock is queueing behind this
     * process's own writers of the database; a wait on the {@link Scope#DATABASE database's} lock is contention with
     * another process, bounded by the store's busy timeout.
     *
     * @param nanos how long it waited
     * @param scope whose lock it waited for
     */
    record LockWaited(long nanos, Scope scope) implements StoreEvent {
        /**
         * Checks the duration and the scope.
         *
         * @param nanos how long the write waited
         * @param scope whose lock it waited for
         * @throws IllegalArgumentException if {@code nanos} is negative
         * @throws NullPointerException     if {@code scope} is null
         */
        public LockWaited {
            requireNonNegative("nanos", nanos);
            Objects.requireNonNull(scope, "scope");
        }

        /** Whose lock a write waited for. */
        public enum Scope {
            /**
             * The lock a backend keeps in this process for each database, which orders the writes of every store of
             * that database here: another thread of the same store, or another store of the same database, was
             * writing (or reclaiming space).
             */
            PROCESS,
            /**
             * The database's own lock, held by another process or by a connection outside Steadfast (SQLite: busy).
             */
            DATABASE
        }
    }

    /**
     * The store works again after losing its connection to the database: a call succeeded on a new connection.
     *
     * @param nanos time from the loss being noticed to that first success
     */
    record Reconnected(long nanos) implements StoreEvent {
        /**
         * Checks the duration.
         *
         * @param nanos time from the loss being noticed to the first success
         * @throws IllegalArgumentException if {@code nanos} is negative
         */
        public Reconnected {
            requireNonNegative("nanos", nanos);
        }
    }

    /**
     * The file being appended to was sealed and a new one started.
     *
     * @param sealedBytes size of the file sealed
     */
    record SegmentRolled(long sealedBytes) implements StoreEvent {
        /**
         * Checks the size.
         *
         * @param sealedBytes size of the file sealed
         * @throws IllegalArgumentException if {@code sealedBytes} is negative
         */
        public SegmentRolled {
            requireNonNegative("sealedBytes", sealedBytes);
        }
    }

    /**
     * The store rewrote its live state into fresh files and retired the old ones.
     *
     * @param bytesBefore size of the files before
     * @param bytesAfter  size of the files written
     * @param nanos       how long it took
     */
    record Compacted(long bytesBefore, long bytesAfter, long nanos) implements StoreEvent {
        /**
         * Checks the sizes and the duration.
         *
         * @param bytesBefore size of the files before
         * @param bytesAfter  size of the files written
         * @param nanos       how long it took
         * @throws IllegalArgumentException if an argument is negative
         */
        public Compacted {
            requireNonNegative("bytesBefore", bytesBefore);
            requireNonNegative("bytesAfter", bytesAfter);
            requireNonNegative("nanos", nanos);
        }
    }

    /**
     * One commit wrote (and synced) this many bytes to the store's files, framing and encryption included.
     *
     * @param bytes bytes written
     */
    record BytesWritten(long bytes) implements StoreEvent {
        /**
         * Checks the size.
         *
         * @param bytes bytes written by the commit
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public BytesWritten {
            requireNonNegative("bytes", bytes);
        }
    }

    private static void requireNonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }
}
