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
    private final BatchedAppends batched;
    private final GroupAppends grouped;
    private final boolean autoCommit;

    FastPaths(BatchWriter writer, Sql sql, Dialect dialect) {
        this.writer = writer;
        this.inSteps = new IndependentAppendsInSteps(writer, sql);
        this.batched = new BatchedAppends(writer);
        this.grouped = new GroupAppends(writer, dialect);
        this.autoCommit = dialect.autoCommitStatementIsTransaction();
    }

    /**
     * Whether {@code batches} is one batch that a single statement can apply on a connection in auto-commit mode:
     * one operation, either without guards an append with a one-statement form or a fence change (its
     * compare-and-set is one UPDATE), or an append with one fence guard (a durable session's append) when the
     * dialect has {@link Dialect#fenceGuardedAppend}, or a fence change with one fence guard (a lease acquired
     * without a read) when it has {@link Dialect#fenceGuard}.
     */
    boolean aloneInAutoCommit(List<WriteBatch> batches) {
        if (!autoCommit || batches.size() != 1) {
            return false;
        }
        WriteBatch b = batches.get(0);
        if (b.operations().size() != 1) {
            return false;
        }
        WriteOp op = b.operations().get(0);
        if (b.guards().isEmpty()) {
            return op instanceof WriteOp.SetFence
                    || op instanceof WriteOp.Append a && writer.oneStatementAppend(a) != null;
        }
        if (b.guards().size() != 1 || !(b.guards().get(0) instanceof Guard.FenceAt)) {
            return false;
        }
        return op instanceof WriteOp.Append a ? writer.fenceGuardedAppend(a) != null
                : op instanceof WriteOp.SetFence && writer.fenceUpdates().hasGuarded();
    }

    /**
     * Runs the batch of {@link #aloneInAutoCommit} as one auto-committed statement. The database makes that
     * statement a transaction of its own (atomic, durable when it returns), and its condition is the same
     * compare-and-set the transactional path runs first: under READ COMMITTED an {@code UPDATE ... WHERE head = ?}
     * (or {@code epoch = ?}) that meets a row another transaction is changing waits for it and re-checks the
     * condition on the committed row, so two writers never both win. A batch without guards and with one
     * operation has nothing else to keep atomic with; an append's fence guard is read locked inside the same
     * statement ({@link Dialect#fenceGuardedAppend}), so it holds until the append commits, as in a transaction;
     * likewise a fence change's guard ({@link Dialect#fenceGuard}).
     *
     * @return true when it committed; false when the statement wrote nothing (a conflict, or a head or fence row
     *         still to be created), and the caller must run the batch in a transaction
     */
    boolean runAlone(StatementCache st, WriteBatch batch) throws SQLException {
        WriteOp op = batch.operations().get(0);
        if (op instanceof WriteOp.SetFence f) {
            return batch.guards().isEmpty() ? writer.updateFence(st, f)
                    : writer.fenceUpdates().updateGuarded(st, (Guard.FenceAt) batch.guards().get(0), f);
        }
        WriteOp.Append a = (WriteOp.Append) op;
        PreparedStatement ps;
        if (batch.guards().isEmpty()) {
            ps = st.get(writer.oneStatementAppend(a));
            BatchWriter.bindOneStatementAppend(ps, a);
        } else {
            ps = st.get(writer.fenceGuardedAppend(a));
            BatchWriter.bindFenceGuardedAppend(ps, (Guard.FenceAt) batch.guards().get(0), a);
        }
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
     * The positions of the batches of {@code batches} that can run as {@link #independentAppends} beside the others
     * of the group: each one append with only fence guards, to a stream no other batch of the group appends to,
     * truncates or guards, guarded only by fences no batch of the group sets. Such a batch neither reads nor writes
     * anything another batch of the group writes, and writes nothing another reads, so applying it before the
     * others gives each batch the result it gets in order. Empty unless at least two qualify (one alone gains
     * nothing) and at least one other does not (then {@link #independentAppends} already takes all).
     */
    List<Integer> independentPart(List<WriteBatch> batches) {
        Map<String, Integer> streamUses = new HashMap<>();
        Set<String> fencesSet = new HashSet<>();
        for (WriteBatch b : batches) {
            for (Guard g : b.guards()) {
                if (g instanceof Guard.JournalAt j) {
                    streamUses.merge(j.stream().value(), 1, Integer::sum);
                }
            }
            for (WriteOp op : b.operations()) {
                if (op instanceof WriteOp.Append a) {
                    streamUses.merge(a.stream().value(), 1, Integer::sum);
                } else if (op instanceof WriteOp.TruncateJournal t) {
                    streamUses.merge(t.stream().value(), 1, Integer::sum);
                } else if (op instanceof WriteOp.SetFence f) {
                    fencesSet.add(f.fence().name());
                }
            }
        }
        List<Integer> part = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            if (standsApart(batches.get(i), streamUses, fencesSet)) {
                part.add(i);
            }
        }
        return part.size() >= 2 && part.size() < batches.size() ? part : List.of();
    }

    private static boolean standsApart(WriteBatch b, Map<String, Integer> streamUses, Set<String> fencesSet) {
        if (b.operations().size() != 1 || !(b.operations().get(0) instanceof WriteOp.Append a)
                || streamUses.get(a.stream().value()) != 1) {
            return false;
        }
        for (Guard g : b.guards()) {
            if (!(g instanceof Guard.FenceAt f) || fencesSet.contains(f.name())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Applies {@link #independentAppends} inside the caller's transaction. First the fence guards: every fence they
     * name read by one statement with the dialect's lock clause (so it stays as read until the commit, as when
     * checked batch by batch), then each batch's guards checked against what was read; a batch whose guard fails
     * is reported {@code FencedOut} and writes nothing. Then the appends of the others: those to existing heads
     * as one {@link GroupAppends} statement where the dialect has one and it is switched on, the rest as
     * {@link BatchedAppends}.
     * Without a one-statement form for every append, {@link IndependentAppendsInSteps} batches the separate
     * statements. When every batch has exactly one fence guard and the dialect a {@link Dialect#fenceGuardedAppend},
     * no fence is read first: each guard is checked and locked by its append's own statement, all of them in one
     * JDBC batch.
     */
    List<WriteResult> runIndependentAppends(StatementCache st, List<WriteBatch> batches) throws SQLException {
        if (eachGuardedInOneStatement(batches)) {
            return batched.run(st, batches, true);
        }
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
        List<Integer> inOne = grouped.eligible(batches);
        if (inOne.isEmpty()) {
            return batched.run(st, batches, false);
        }
        if (inOne.size() == batches.size()) {
            return grouped.run(st, batches);
        }
        // The appends that may have to create their head row go as today; the order does not matter (see above).
        List<WriteBatch> one = new ArrayList<>(inOne.size());
        List<WriteBatch> rest = new ArrayList<>(batches.size() - inOne.size());
        List<Integer> restAt = new ArrayList<>(rest.size());
        for (int i = 0, k = 0; i < batches.size(); i++) {
            if (k < inOne.size() && inOne.get(k) == i) {
                one.add(batches.get(i));
                k++;
            } else {
                rest.add(batches.get(i));
                restAt.add(i);
            }
        }
        WriteResult[] results = new WriteResult[batches.size()];
        List<WriteResult> fromOne = grouped.run(st, one);
        for (int j = 0; j < inOne.size(); j++) {
            results[inOne.get(j)] = fromOne.get(j);
        }
        List<WriteResult> fromRest = batched.run(st, rest, false);
        for (int j = 0; j < restAt.size(); j++) {
            results[restAt.get(j)] = fromRest.get(j);
        }
        return List.of(results);
    }

    /** Whether every batch is one append under exactly one fence guard with a {@link Dialect#fenceGuardedAppend}. */
    private boolean eachGuardedInOneStatement(List<WriteBatch> batches) {
        for (WriteBatch b : batches) {
            if (b.guards().size() != 1 || writer.fenceGuardedAppend(append(b)) == null) {
                return false;
            }
        }
        return true;
    }

    private static WriteOp.Append append(WriteBatch b) {
        return (WriteOp.Append) b.operations().get(0);
    }
}
