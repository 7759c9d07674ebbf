package dev.steadfast.jdbc;

import dev.steadfast.spi.Conflict;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A group of one-append batches to distinct streams (see {@link FastPaths#independentAppends}; their fence guards,
 * if any, already checked) with the separate statements, two JDBC batches for the whole group instead of two
 * statements per append: first every head compare-and-set, then the entries of the appends whose head moved.
 *
 * <p>Why this is the same as running the batches one after the other: the appends touch different streams, so
 * none can see or change what another reads or writes, and their order does not matter. A head UPDATE that
 * matched its row is the whole check of its append (the head moves only by compare-and-set, and entries above a
 * head never exist), so its inserts cannot conflict and may be sent later in the same transaction; nothing reads
 * the journal in between. An UPDATE that matched nothing wrote nothing, and that append then runs on its own with
 * {@link BatchWriter#appendInSteps}, which creates a missing head row or reports the conflict. No savepoint is
 * needed: no append can fail after writing.
 */
final class IndependentAppendsInSteps {
    private final BatchWriter writer;
    private final Sql sql;

    IndependentAppendsInSteps(BatchWriter writer, Sql sql) {
        this.writer = writer;
        this.sql = sql;
    }

    List<WriteResult> run(StatementCache st, List<WriteBatch> batches) throws SQLException {
        PreparedStatement cas = st.get(sql.casHead);
        PreparedStatement insert = st.get(sql.insertEntry);
        try {
            return run(st, batches, cas, insert);
        } catch (SQLException | RuntimeException e) {
            // Cached statements must not carry half a batch into the next transaction of this connection.
            cas.clearBatch();
            insert.clearBatch();
            throw e;
        }
    }

    private List<WriteResult> run(StatementCache st, List<WriteBatch> batches, PreparedStatement cas,
                                  PreparedStatement insert) throws SQLException {
        for (WriteBatch b : batches) {
            WriteOp.Append a = append(b);
            cas.setLong(1, a.newHead());
            cas.setString(2, a.stream().value());
            cas.setLong(3, a.expectedHead());
            cas.addBatch();
        }
        int[] moved = cas.executeBatch();
        if (moved.length != batches.size()) {
            throw new SQLException("the driver reported " + moved.length + " update counts for a batch of "
                    + batches.size() + " head updates");
        }
        WriteResult[] results = new WriteResult[batches.size()];
        List<Integer> missed = new ArrayList<>();
        boolean anyInsert = false;
        for (int i = 0; i < moved.length; i++) {
            if (moved[i] == 0) {
                missed.add(i);
                continue;
            }
            if (moved[i] != 1) {
                // Without a row count the outcome is unknown; failing rolls the whole transaction back.
                throw new SQLException("the driver reported update count " + moved[i]
                        + " for a head update; cannot tell whether it applied");
            }
            WriteOp.Append a = append(batches.get(i));
            long seq = a.expectedHead();
            for (byte[] p : a.payloads()) {
                insert.setString(1, a.stream().value());
                insert.setLong(2, ++seq);
                insert.setBytes(3, p);
                insert.addBatch();
            }
            anyInsert = true;
            results[i] = WriteResult.committed();
        }
        if (anyInsert) {
            insert.executeBatch();
        }
        for (int i : missed) {
            Conflict c = writer.appendInSteps(st, append(batches.get(i)));
            results[i] = c == null ? WriteResult.committed() : c;
        }
        return List.of(results);
    }

    private static WriteOp.Append append(WriteBatch b) {
        return (WriteOp.Append) b.operations().get(0);
    }
}
