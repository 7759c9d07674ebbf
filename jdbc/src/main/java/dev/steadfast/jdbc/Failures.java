package dev.steadfast.jdbc;

import dev.steadfast.spi.CorruptStoreException;
import dev.steadfast.spi.IncompatibleFormatException;
import dev.steadfast.spi.StoreBusyException;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.StoreIOException;
import dev.steadfast.spi.WriteOutcomeUnknownException;
import java.sql.SQLException;

/** Turns a driver's exception into the store's exception, with a message naming the store and what failed. */
final class Failures {
    private Failures() {
    }

    /** What a caller may conclude about its write from the failure. */
    enum Outcome {
        /** A read failed; nothing was being written. */
        READ(""),
        /** The transaction failed before its commit: nothing of it was written. */
        NOT_WRITTEN("; nothing was written"),
        /** The commit itself failed: the write may or may not have been applied. */
        UNKNOWN("; the write may or may not have been applied");

        final String suffix;

        Outcome(String suffix) {
            this.suffix = suffix;
        }
    }

    /**
     * @param location the store's printable location
     * @param during   what the store was doing, for example "writing a batch"
     */
    static StoreException translate(Dialect dialect, SQLException e, String location, String during,
                                    Outcome result) {
        FailureKind kind = classify(dialect, e);
        String where = dialect.name() + " store " + location + ": " + during + " failed: ";
        String outcome = result.suffix;
        String detail = describe(e);
        if (result == Outcome.UNKNOWN && writeFault(kind)) {
            // The SPI's promise: a writer that cannot be told "not written" gets WriteOutcomeUnknownException,
            // which core and callers read as "read the state back before writing again", never as a refusal.
            return new WriteOutcomeUnknownException(where + describeKind(kind) + detail + outcome, e);
        }
        return switch (kind) {
            case CONNECTION_LOST -> new StoreIOException(where + "connection lost (" + detail + ")" + outcome, e);
            case BUSY -> new StoreBusyException(where + "another writer held the database longer than the busy"
                    + " timeout (" + detail + ")" + outcome, e);
            case RETRYABLE -> new StoreIOException(where + "transaction kept being aborted by concurrent writers ("
                    + detail + ")" + outcome, e);
            case NOT_A_DATABASE -> new IncompatibleFormatException(
                    location + " is not a " + dialect.name() + " database (" + detail + ")", e);
            case CORRUPT -> new CorruptStoreException(
                    location + " is a damaged " + dialect.name() + " database (" + detail + ")", e);
            case READ_ONLY -> new StoreIOException(where + "the database is read-only (" + detail + ")" + outcome, e);
            case DISK_FULL -> new StoreIOException(where + "the disk is full (" + detail + ")" + outcome, e);
            case CANNOT_OPEN -> new StoreConfigurationException(
                    location + " cannot be opened as a " + dialect.name() + " database (" + detail + ")", e);
            case OTHER -> new StoreIOException(where + detail + outcome, e);
        };
    }

    /** The kinds a failed write can leave half-known; the others describe the database, not the write. */
    private static boolean writeFault(FailureKind kind) {
        return switch (kind) {
            case CONNECTION_LOST, BUSY, RETRYABLE, READ_ONLY, DISK_FULL, OTHER -> true;
            case NOT_A_DATABASE, CORRUPT, CANNOT_OPEN -> false;
        };
    }

    private static String describeKind(FailureKind kind) {
        return switch (kind) {
            case CONNECTION_LOST -> "connection lost: ";
            case BUSY -> "another writer held the database longer than the busy timeout: ";
            case RETRYABLE -> "aborted by a concurrent writer: ";
            case READ_ONLY -> "the database is read-only: ";
            case DISK_FULL -> "the disk is full: ";
            default -> "";
        };
    }

    static FailureKind classify(Dialect dialect, SQLException e) {
        try {
            FailureKind kind = dialect.classify(e);
            return kind == null ? FailureKind.OTHER : kind;
        } catch (RuntimeException bug) {
            return FailureKind.OTHER;
        }
    }

    private static String describe(SQLException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int nl = msg.indexOf('\n');
        if (nl > 0) {
            msg = msg.substring(0, nl);
        }
        return e.getSQLState() == null ? msg : msg + ", SQL state " + e.getSQLState();
    }
}
