package dev.steadfast.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;

/**
 * Rows of an open query handed out one at a time, so that a journal replay or a record scan holds one fetch
 * window in memory, never the whole result. Closing the stream that wraps it gives the connection back.
 */
final class Cursor<T> extends Spliterators.AbstractSpliterator<T> {
    /** Maps the current row; may throw SQLException. */
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final ReadLease lease;
    private final ResultSet rs;
    private final RowMapper<T> mapper;
    private boolean done;

    Cursor(ReadLease lease, ResultSet rs, RowMapper<T> mapper) {
        super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
        this.lease = lease;
        this.rs = rs;
        this.mapper = mapper;
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
        if (done) {
            return false;
        }
        lease.ensureUsable();
        try {
            if (!rs.next()) {
                done = true;
                lease.close();
                return false;
            }
            action.accept(mapper.map(rs));
            return true;
        } catch (SQLException e) {
            done = true;
            throw lease.fail(e, "reading rows");
        }
    }
}
