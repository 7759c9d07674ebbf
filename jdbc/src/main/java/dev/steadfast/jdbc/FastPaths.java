package dev.steadfast.jdbc;

import dev.steadfast.spi.Conflict;
import dev.steadfast.spi.Guard;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Fewer round trips and statements for the common shapes of writes: a lone append or fence change, and a group of
 * appends by independent writers. Every shortcut either fully applies a batch or provably wrote nothing of it,
 * and in the latter case hands the batch to the ordinary path, which then decides it as it always did.
 */
final class FastPaths {
    private final BatchWriter writer;
    private final IndependentAppendsInSteps inSteps;
    private final boolean autoCommit;

    FastPaths(BatchWriter writer, Sql sql, Dialect dialect) {
        this.writer = writer;
        this.inSteps = new IndependentAppendsInSteps(writer, sql);
        this.autoCommit = dialect.autoCommitStatementIsTransaction();
    }

    /**
     * Whether {@code batches} is one batch that a single statement can apply on a connection in auto-commit mode:
     * no guards and one operation, an append with a one-statement form or a fence change (its compare-and-set is
     * one UPDATE).
     */
    boolean aloneInAutoCommit(List<WriteBatch> batches) {
        if (!autoCommit || batches.size() != 1) {
            return false;
        }
        WriteBatch b = batches.get(0);
        if (!b.guards().isEmpty() || b.operations().size() != 1) {
            return false;
        }
        WriteOp op = b.operations().get(0);
        return op instanceof WriteOp.SetFence
                || op instanceof WriteOp.Append a && writer.oneStatementAppend(a) != null;
    }

    /**
     * Runs the batch of {@link #aloneInAutoCommit} as one auto-committed statement. The database makes that
     * statement a transaction of its own (atomic, durable when it returns), and its condition is the same
     * compare-and-set the transactional path runs first: under READ COMMITTED an {@code UPDATE ... WHERE head = ?}
     * (or {@code epoch = ?}) that meets a row another transaction is changing waits for it and re-checks the
     * condition on the committed row, so two writers never both win. A batch without guards and with one
     * operation has nothing else to keep atomic with.
     *
     * @return true when it committed; false when the statement wrote nothing (a conflict, or a head or fence row
     *         still to be created), and the caller must run the batch in a transaction
     */
    boolean runAlone(StatementCache st, WriteBatch batch) throws SQLException {
        WriteOp op = batch.operations().get(0);
        if (op instanceof WriteOp.SetFence f) {
            return writer.updateFence(st, f);
        }
        WriteOp.Append a = (WriteOp.Append) op;
        PreparedStatement ps = st.get(writer.oneStatementAppend(a));
        BatchWriter.bindOneStatementAppend(ps, a);
        return ps.executeUpdate() == a.payloads().size();
    }

    /**
     * Whether every batch is one append, each to a different stream, guarded by fences or not at all: the group
     * commit of independent writers, such as durable sessions that each hold their own fence. Such batches cannot
     * affect one another: appends to different streams neither read nor write each other's rows, and none of them
     * writes a fence, so a fence guard reads the same row whether it is checked before or after the other appends.
     * The order in which their statements run therefore does not matter, and none needs a savepoint (a guard is
     * checked before its append writes anything, and each append applies fully or not at all).
     */
    boolean independentAppends(List<WriteBatch> batches) {
        if (batches.size() < 2) {
            return false;
        }
        Set<String> streams = new HashSet<>();
        for (WriteBatch b : batches) {
            if (b.operations().size() != 1 || !(b.operations().get(0) instanceof WriteOp.Append a)
                    || !streams.add(a.stream().value())) {
                return false;
            }
            for (Guard g : b.guards()) {
                if (!(g instanceof Guard.FenceAt)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Applies {@link #independentAppends} inside the caller's transaction. First the fence guards: every fence they
     * name read by one statement with the dialect's lock clause (so it stays as read until the commit, as when
     * checked batch by batch), then each batch's guards checked against what was read; a batch whose guard fails
     * is reported {@code FencedOut} and writes nothing. Then the appends of
     * the others: all their one-statement appends as one JDBC batch per statement text (a driver such as pgjdbc
     * sends a batch in one round trip), then, for each one that wrote nothing, the ordinary statements, which
     * report its conflict or apply it after all. Without a one-statement form for every append,
     * {@link IndependentAppendsInSteps} batches the separate statements.
     */
    List<WriteResult> runIndependentAppends(StatementCache st, List<WriteBatch> batches) throws SQLException {
        WriteResult[] results = new WriteResult[batches.size()];
        List<WriteBatch> admitted = new ArrayList<>(batches.size());
        List<Integer> positions = new ArrayList<>(batches.size());
        SortedSet<String> names = new TreeSet<>();
        for (WriteBatch b : batches) {
            for (Guard g : b.guards()) {
                names.add(((Guard.FenceAt) g).name());
            }
        }
        Map<String, BatchWriter.FenceRow> fences = new HashMap<>();
        if (!names.isEmpty()) {
            writer.readFences(st, names, fences);
        }
        for (int i = 0; i < batches.size(); i++) {
            Conflict c = BatchWriter.checkFenceGuards(batches.get(i), fences);
            if (c == null) {
                admitted.add(batches.get(i));
                positions.add(i);
            } else {
                results[i] = c;
            }
        }
        if (!admitted.isEmpty()) {
            List<WriteResult> applied = appendAll(st, admitted);
            for (int j = 0; j < applied.size(); j++) {
                results[positions.get(j)] = applied.get(j);
            }
        }
        return List.of(results);
    }

    private List<WriteResult> appendAll(StatementCache st, List<WriteBatch> batches) throws SQLException {
        for (WriteBatch b : batches) {
            if (writer.oneStatementAppend(append(b)) == null) {
                return inSteps.run(st, batches);
            }
        }
        Map<String, List<Integer>> byText = new LinkedHashMap<>();
        try {
            return runIndependentAppends(st, batches, byText);
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

    private List<WriteResult> runIndependentAppends(StatementCache st, List<WriteBatch> batches,
                                                    Map<String, List<Integer>> byText) throws SQLException {
        for (int i = 0; i < batches.size(); i++) {
            WriteOp.Append a = append(batches.get(i));
            String text = writer.oneStatementAppend(a);
            PreparedStatement ps = st.get(text);
            BatchWriter.bindOneStatementAppend(ps, a);
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
