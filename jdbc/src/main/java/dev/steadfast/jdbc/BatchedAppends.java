package dev.steadfast.jdbc;

import dev.steadfast.spi.Conflict;
import dev.steadfast.spi.Guard;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One-append batches to distinct streams (see {@link FastPaths#independentAppends}) sent as the dialect's
 * one-statement appends, one JDBC batch per statement text (pgjdbc sends a batch in one round trip), inside the
 * caller's transaction. Each statement either applied its whole append or wrote nothing; each that wrote nothing
 * then runs the ordinary statements, which report its conflict or apply it after all.
 *
 * <p>Unguarded, the batches' fence guards (if any) were already checked. Guarded, every batch has exactly one fence
 * guard and each statement is a {@link Dialect#fenceGuardedAppend}, which checks and locks that fence itself; the
 * statements are sent in fence name order, the order in which {@link BatchWriter#readFences} locks fences, so
 * that two groups lock shared fences in the same order.
 */
final class BatchedAppends {
    private final BatchWriter writer;

    BatchedAppends(BatchWriter writer) {
        this.writer = writer;
    }

    List<WriteResult> run(StatementCache st, List<WriteBatch> batches, boolean guarded) throws SQLException {
        Map<String, List<Integer>> byText = new LinkedHashMap<>();
        try {
            return run(st, batches, guarded, byText);
        } catch (SQLException | RuntimeException e) {
            // A cached statement must not carry half a batch into the next transaction.
            for (String text : byText.keySet()) {
                try {
                    st.get(text).clearBatch();
                } catch (SQLException ignored) {
                    // the transaction fails with e anyway
                }
            }
            throw e;
        }
    }

    private List<WriteResult> run(StatementCache st, List<WriteBatch> batches, boolean guarded,
                                  Map<String, List<Integer>> byText) throws SQLException {
        List<Integer> order = new ArrayList<>(batches.size());
        for (int i = 0; i < batches.size(); i++) {
            order.add(i);
        }
        if (guarded) {
            order.sort(Comparator.comparing(i -> guard(batches.get(i)).name()));
        }
        for (int i : order) {
            WriteBatch b = batches.get(i);
            WriteOp.Append a = append(b);
            String text = guarded ? writer.fenceGuardedAppend(a) : writer.oneStatementAppend(a);
            PreparedStatement ps = st.get(text);
            if (guarded) {
                BatchWriter.bindFenceGuardedAppend(ps, guard(b), a);
            } else {
                BatchWriter.bindOneStatementAppend(ps, a);
            }
            ps.addBatch();
            byText.computeIfAbsent(text, t -> new ArrayList<>()).add(i);
        }
        WriteResult[] results = new WriteResult[batches.size()];
        List<Integer> missed = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : byText.entrySet()) {
            int[] counts = st.get(e.getKey()).executeBatch();
            List<Integer> indexes = e.getValue();
            if (counts.length != indexes.size()) {
                throw new SQLException("the driver reported " + counts.length + " update counts for a batch of "
                        + indexes.size() + " appends");
            }
            for (int j = 0; j < counts.length; j++) {
                int i = indexes.get(j);
                int entries = append(batches.get(i)).payloads().size();
                if (counts[j] == entries) {
                    results[i] = WriteResult.committed();
                } else if (counts[j] == 0) {
                    missed.add(i);
                } else {
                    // Without a row count the outcome is unknown; failing rolls the whole transaction back.
                    throw new SQLException("the driver reported update count " + counts[j] + " for an append of "
                            + entries + " entries; cannot tell whether it applied");
                }
            }
        }
        missed.sort(null);
        for (int i : missed) {
            // Guarded: the whole batch, whose guard check writes nothing visible and whose append writes all or
            // nothing, so no savepoint is needed.
            Conflict c = guarded ? writer.apply(st, batches.get(i)) : writer.appendInSteps(st, append(batches.get(i)));
            results[i] = c == null ? WriteResult.committed() : c;
        }
        return List.of(results);
    }

    private static WriteOp.Append append(WriteBatch b) {
        return (WriteOp.Append) b.operations().get(0);
    }

    private static Guard.FenceAt guard(WriteBatch b) {
        return (Guard.FenceAt) b.guards().get(0);
    }
}
