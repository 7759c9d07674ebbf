package dev.steadfast.jdbc;

import dev.steadfast.spi.CorruptStoreException;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.StreamId;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Maps the rows of one journal read to entries, checking what every write guarantees: a sequence >= 1, a payload,
 * and no gap after the first row (truncation removes only a prefix). A row that breaks this was damaged or edited
 * outside Steadfast; it is reported as {@link CorruptStoreException}, never passed on or silently skipped. One
 * instance per read.
 */
final class JournalRows {
    private final StreamId stream;
    private long previous = -1;

    JournalRows(StreamId stream) {
        this.stream = stream;
    }

    Entry entry(ResultSet rs) throws SQLException {
        long sequence = rs.getLong(1);
        byte[] payload = rs.getBytes(2);
        String damaged = "journal row of stream '" + stream + "' ";
        if (sequence < 1 || payload == null) {
            throw new CorruptStoreException(damaged + "has sequence " + sequence + (payload == null ? " and no"
                    + " payload" : "") + ", expected a sequence >= 1 with a payload: the database was damaged or"
                    + " edited outside Steadfast");
        }
        if (previous >= 0 && sequence != previous + 1) {
            throw new CorruptStoreException(damaged + "after sequence " + previous + " has sequence " + sequence
                    + ", expected " + (previous + 1) + ": a row is missing or its sequence is damaged (the database"
                    + " was damaged or edited outside Steadfast)");
        }
        previous = sequence;
        return new Entry(stream, sequence, payload);
    }
}
