package dev.steadfast.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.CorruptStoreException;
import dev.steadfast.spi.StoreBusyException;
import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.StoreIOException;
import dev.steadfast.spi.WriteOutcomeUnknownException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What a caller is told about its write when the driver fails, by what the failure leaves known. */
class FailuresTest {
    private static final Dialect DIALECT = new H2TestDialect();
    private static final SQLException BUSY = new SQLException("Timeout trying to lock table", "HYT00", 50200);
    private static final SQLException OTHER = new SQLException("General error", "HY000", 50000);

    @Test
    void aFailedCommitIsAnUnknownOutcomeWhateverItsKind() {
        for (SQLException e : new SQLException[] {BUSY, OTHER}) {
            StoreException failure = translate(e, Failures.Outcome.UNKNOWN);
            assertInstanceOf(WriteOutcomeUnknownException.class, failure, failure.toString());
            assertTrue(failure.getMessage().contains("may or may not have been applied"), failure.getMessage());
            assertEquals(e, failure.getCause());
        }
    }

    @Test
    void aFailureBeforeTheCommitSaysNothingWasWritten() {
        StoreException busy = translate(BUSY, Failures.Outcome.NOT_WRITTEN);
        assertInstanceOf(StoreBusyException.class, busy);
        assertTrue(busy.getMessage().endsWith("nothing was written"), busy.getMessage());
        StoreException other = translate(OTHER, Failures.Outcome.NOT_WRITTEN);
        assertEquals(StoreIOException.class, other.getClass());
        assertTrue(other.getMessage().endsWith("nothing was written"), other.getMessage());
    }

    @Test
    void aDamagedDatabaseFoundAtACommitIsReportedAsDamageNotAsAnUnknownOutcome() {
        SQLException corrupt = new SQLException("File corrupted while reading record", "90030", 90030);
        StoreException failure = translate(corrupt, Failures.Outcome.UNKNOWN);
        assertInstanceOf(CorruptStoreException.class, failure, failure.toString());
        assertEquals(corrupt, failure.getCause());
    }

    private static StoreException translate(SQLException e, Failures.Outcome outcome) {
        return Failures.translate(DIALECT, e, "test.db", "writing a batch", outcome);
    }
}
