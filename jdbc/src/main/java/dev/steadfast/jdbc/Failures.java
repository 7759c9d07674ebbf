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
        String detail = describe(e);
        String fault = writeFault(kind, detail);
        if (fault != null) {
            String message = where + fault + result.suffix;
            if (result == Outcome.UNKNOWN) {
                // The SPI's promise: a writer that cannot be told "not written" gets WriteOutcomeUnknownException,
                // which core and callers read as "read the state back before writing again", never as a refusal.
                return new WriteOutcomeUnknownException(message, e);
            }
            return kind == FailureKind.BUSY ? new StoreBusyException(message, e) : new StoreIOException(message, e);
        }
        return switch (kind) {
            case NOT_A_DATABASE -> new IncompatibleFormatException(
                    location + " is not a " + dialect.name() + " database (" + detail + ")", e);
            case CORRUPT -> new CorruptStoreException(
                    location + " is a damaged " + dialect.name() + " database (" + detail + ")", e);
            default -> new StoreConfigurationException(
                    location + " cannot be opened as a " + dialect.name() + " database (" + detail + ")", e);
        };
    }

    /**
     * What went wrong with the write, for the kinds a failed write can leave half-known; {@code null} for the kinds
     * that describe the database rather than the write (not a database, damaged, cannot be opened).
     */
    private static String writeFault(FailureKind kind, String detail) {
        return switch (kind) {
            case CONNECTION_LOST -> "connection lost (" + detail + ")";
            case BUSY -> "another writer held the database longer than the busy timeout (" + detail + ")";
            case RETRYABLE -> "transaction kept being aborted by concurrent writers (" + detail + ")";
            case READ_ONLY -> "the database is read-only (" + detail + ")";
            case DISK_FULL -> "the disk is full (" + detail + ")";
            case OTHER -> detail;
            case NOT_A_DATABASE, CORRUPT, CANNOT_OPEN -> null;
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
