package dev.steadfast.jdbc;

import dev.steadfast.spi.Conflict;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.Guard;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * Applies one batch inside a write transaction the caller owns. Every condition is read from the database inside
 * that transaction (locking the row when the dialect asks), so what is checked is what is written over.
 *
 * <p>Returns the first conflict, leaving partial writes for the caller to roll back, or null when all applied.
 */
final class BatchWriter {
    /** Appends with more entries than this take the separate statements: one text per count is cached. */
    static final int MAX_ONE_STATEMENT_ENTRIES = 16;
    /** Fences read by one statement of {@link #readFences}; more take several, so statement texts stay few. */
    static final int MAX_FENCES_PER_READ = 64;

    private final Sql sql;
    private final FenceUpdates fenceUpdates;
    private final boolean rowLocks;
    /** [createHead ? 1 : 0][entries], or null when the dialect has no one-statement append. */
    private final String[][] oneStatementAppends;
    /** The same for {@link Dialect#fenceGuardedAppend}. */
    private final String[][] fenceGuardedAppends;

    BatchWriter(Sql sql, Dialect dialect) {
        this.sql = sql;
        this.fenceUpdates = new FenceUpdates(sql);
        this.rowLocks = !dialect.lockClause().isEmpty();
        this.oneStatementAppends = texts(dialect::conditionalAppend);
        this.fenceGuardedAppends = texts(dialect::fenceGuardedAppend);
    }

    private interface Texts {
        String text(boolean createHead, int entries);
    }

    private static String[][] texts(Texts dialect) {
        if (dialect.text(false, 1) == null) {
            return null;
        }
        String[][] texts = new String[2][MAX_ONE_STATEMENT_ENTRIES + 1];
        for (int n = 1; n <= MAX_ONE_STATEMENT_ENTRIES; n++) {
            texts[0][n] = dialect.text(false, n);
            texts[1][n] = dialect.text(true, n);
        }
        return texts;
    }

    /** The dialect's one-statement append for {@code a}, or null when there is none for it. */
    String oneStatementAppend(WriteOp.Append a) {
        return pick(oneStatementAppends, a);
    }

    /** The dialect's one-statement append for {@code a} under one fence guard, or null when there is none. */
    String fenceGuardedAppend(WriteOp.Append a) {
        return pick(fenceGuardedAppends, a);
    }

    private static String pick(String[][] texts, WriteOp.Append a) {
        int n = a.payloads().size();
        if (texts == null || n > MAX_ONE_STATEMENT_ENTRIES) {
            return null;
        }
        return texts[a.expectedHead() == 0 ? 1 : 0][n];
    }

    /** Binds {@code a} to a statement of {@link #oneStatementAppend}, in the order {@link Dialect} documents. */
    static void bindOneStatementAppend(PreparedStatement ps, WriteOp.Append a) throws SQLException {
        bindAppendFrom(ps, 1, a);
    }

    /** Binds {@code guard} and {@code a} to a statement of {@link #fenceGuardedAppend}. */
    static void bindFenceGuardedAppend(PreparedStatement ps, Guard.FenceAt guard, WriteOp.Append a)
            throws SQLException {
        ps.setString(1, guard.name());
        ps.setLong(2, guard.epoch());
        bindAppendFrom(ps, 3, a);
    }

    private static void bindAppendFrom(PreparedStatement ps, int first, WriteOp.Append a) throws SQLException {
        int i = first;
        ps.setLong(i++, a.newHead());
        ps.setString(i++, a.stream().value());
        ps.setLong(i++, a.expectedHead());
        long seq = a.expectedHead();
        for (byte[] p : a.payloads()) {
            ps.setLong(i++, ++seq);
            ps.setBytes(i++, p);
        }
    }

    Conflict apply(StatementCache st, WriteBatch batch) throws SQLException {
        for (Guard guard : batch.guards()) {
            Conflict c = check(st, guard);
            if (c != null) {
                return c;
            }
        }
        for (WriteOp op : batch.operations()) {
            Conflict c = apply(st, op);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /**
     * Reads the fences {@code names} with the lock clause into {@code read}, up to {@link #MAX_FENCES_PER_READ} in
     * one statement, in name order; a fence without a row is read as {@link #fence} reads it (with row locks, a
     * placeholder row is created to hold the lock).
     */
    void readFences(StatementCache st, SortedSet<String> names, Map<String, FenceRow> read) throws SQLException {
        List<String> all = List.copyOf(names);
        for (int from = 0; from < all.size(); from += MAX_FENCES_PER_READ) {
            List<String> part = all.subList(from, Math.min(all.size(), from + MAX_FENCES_PER_READ));
            PreparedStatement ps = st.get(sql.selectFencesForWrite(part.size()));
            for (int i = 0; i < part.size(); i++) {
                ps.setString(i + 1, part.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    read.put(rs.getString(1), rs.getLong(3) == 0 ? FenceRow.ABSENT
                            : new FenceRow(rs.getString(2), rs.getLong(3)));
                }
            }
            for (String name : part) {
                if (!read.containsKey(name)) {
                    read.put(name, fence(st, name));
                }
            }
        }
    }

    /**
     * The batch's guards, all {@link Guard.FenceAt}, checked against fences {@link #readFences} read: for a group
     * in which no batch writes a fence, so what was read stays what is until the commit.
     */
    static Conflict checkFenceGuards(WriteBatch batch, Map<String, FenceRow> read) {
        for (Guard guard : batch.guards()) {
            Guard.FenceAt f = (Guard.FenceAt) guard;
            Conflict c = fenceAt(f, read.get(f.name()));
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    private Conflict check(StatementCache st, Guard guard) throws SQLException {
        if (guard instanceof Guard.FenceAt f) {
            return fenceAt(f, fence(st, f.name()));
        }
        Guard.JournalAt j = (Guard.JournalAt) guard;
        long head = head(st, j.stream());
        return head == j.head() ? null : new SequenceConflict(j.stream(), j.head(), head);
    }

    private static Conflict fenceAt(Guard.FenceAt f, FenceRow found) {
        return found.epoch == f.epoch() ? null : new FencedOut(f.name(), f.epoch(), found.epoch, found.owner);
    }

    private Conflict apply(StatementCache st, WriteOp op) throws SQLException {
        if (op instanceof WriteOp.Append a) {
            return append(st, a);
        } else if (op instanceof WriteOp.SetFence f) {
            return setFence(st, f);
        } else if (op instanceof WriteOp.PutRecord r) {
            PreparedStatement ps = st.get(sql.upsertRecord);
            ps.setString(1, r.namespace());
            ps.setBytes(2, r.key().bytes());
            ps.setBytes(3, r.value());
            ps.executeUpdate();
        } else if (op instanceof WriteOp.RemoveRecord r) {
            PreparedStatement ps = st.get(sql.deleteRecord);
            ps.setString(1, r.namespace());
            ps.setBytes(2, r.key().bytes());
            ps.executeUpdate();
        } else if (op instanceof WriteOp.DropNamespace d) {
            PreparedStatement ps = st.get(sql.dropNamespace);
            ps.setString(1, d.namespace());
            ps.executeUpdate();
        } else if (op instanceof WriteOp.PutSnapshot s) {
            PreparedStatement ps = st.get(sql.upsertSnapshot);
            ps.setString(1, s.snapshot().key());
            ps.setLong(2, s.snapshot().coveredSequence());
            ps.setBytes(3, s.snapshot().payload());
            ps.executeUpdate();
        } else if (op instanceof WriteOp.DeleteSnapshot s) {
            PreparedStatement ps = st.get(sql.deleteSnapshot);
            ps.setString(1, s.key());
            ps.executeUpdate();
        } else if (op instanceof WriteOp.TruncateJournal t) {
            // Entries above the head do not exist, so "<= upTo" removes exactly "<= min(upTo, head)".
            PreparedStatement ps = st.get(sql.truncate);
            ps.setString(1, t.stream().value());
            ps.setLong(2, t.upToSequence());
            ps.executeUpdate();
        } else {
            throw new IllegalStateException("unknown write operation " + op);
        }
        return null;
    }

    private Conflict append(StatementCache st, WriteOp.Append a) throws SQLException {
        String one = oneStatementAppend(a);
        if (one != null) {
            // Head compare-and-set and inserts in one statement: it either did both or wrote nothing, and in the
            // latter case the separate statements below tell a conflict from a race they can still win.
            PreparedStatement ps = st.get(one);
            bindOneStatementAppend(ps, a);
            if (ps.executeUpdate() == a.payloads().size()) {
                return null;
            }
        }
        return appendInSteps(st, a);
    }

    /**
     * The append as separate statements. Moves the head first, as a compare-and-set, then inserts the entries: in
     * the common case one UPDATE stands for "read the head, compare, write the head". On a server database the
     * UPDATE waits for a concurrent writer of the same row and re-checks its condition on the committed value, so
     * the comparison is never stale.
     */
    Conflict appendInSteps(StatementCache st, WriteOp.Append a) throws SQLException {
        String stream = a.stream().value();
        long expected = a.expectedHead();
        long newHead = a.newHead();
        if (!advanceHead(st, stream, expected, newHead)) {
            long found = head(st, a.stream());
            if (found != expected || !advanceHead(st, stream, expected, newHead)) {
                return new SequenceConflict(a.stream(), expected, found);
            }
        }
        PreparedStatement ins = st.get(sql.insertEntry);
        List<byte[]> payloads = a.payloads();
        long seq = expected;
        if (payloads.size() == 1) {
            ins.setString(1, stream);
            ins.setLong(2, ++seq);
            ins.setBytes(3, payloads.get(0));
            ins.executeUpdate();
        } else {
            for (byte[] p : payloads) {
                ins.setString(1, stream);
                ins.setLong(2, ++seq);
                ins.setBytes(3, p);
                ins.addBatch();
            }
            ins.executeBatch();
        }
        return null;
    }

    private boolean advanceHead(StatementCache st, String stream, long expected, long newHead) throws SQLException {
        PreparedStatement cas = st.get(sql.casHead);
        cas.setLong(1, newHead);
        cas.setString(2, stream);
        cas.setLong(3, expected);
        if (cas.executeUpdate() == 1) {
            return true;
        }
        if (expected != 0) {
            return false;
        }
        PreparedStatement create = st.get(sql.insertHeadIfAbsent);
        create.setString(1, stream);
        create.setLong(2, newHead);
        return create.executeUpdate() == 1;
    }

    private Conflict setFence(StatementCache st, WriteOp.SetFence op) throws SQLException {
        Fence f = op.fence();
        if (!casFence(st, op)) {
            FenceRow found = fence(st, f.name());
            // The exact compare-and-set found another fence at the expected epoch: its holder or lease end differ.
            if (found.epoch != op.expectedEpoch() || op.expected() != null || !casFence(st, op)) {
                return new FencedOut(f.name(), op.expectedEpoch(), found.epoch, found.owner);
            }
        }
        return null;
    }

    /** Sets the fence if {@code op} admits the stored one; creates it when it expects epoch 0 and it is absent. */
    private boolean casFence(StatementCache st, WriteOp.SetFence op) throws SQLException {
        Fence f = op.fence();
        if (updateFence(st, op)) {
            return true;
        }
        if (op.expectedEpoch() != 0) {
            return false;
        }
        PreparedStatement create = st.get(sql.insertFenceIfAbsent);
        create.setString(1, f.name());
        create.setString(2, f.owner());
        create.setLong(3, f.epoch());
        create.setString(4, f.token());
        create.setLong(5, f.leaseUntilMillis());
        return create.executeUpdate() == 1;
    }

    /** One statement: sets the fence if {@code op} admits the stored one; see {@link FenceUpdates#update}. */
    boolean updateFence(StatementCache st, WriteOp.SetFence op) throws SQLException {
        return fenceUpdates.update(st, op);
    }

    /** The fence compare-and-sets as single statements. */
    FenceUpdates fenceUpdates() {
        return fenceUpdates;
    }

    /**
     * The head, read locked. With row locks, an existing row is locked by the read itself (the common case, one
     * statement); only an absent stream first gets a placeholder row (head 0, which lists and reads ignore), so that
     * there is a row to lock. INSERT ... DO NOTHING never locked an existing row anyway, so reading first locks
     * exactly what the placeholder-then-read order locked.
     */
    private long head(StatementCache st, StreamId stream) throws SQLException {
        long found = selectHead(st, stream);
        if (found >= 0 || !rowLocks) {
            return Math.max(found, 0);
        }
        PreparedStatement ph = st.get(sql.insertHeadIfAbsent);
        ph.setString(1, stream.value());
        ph.setLong(2, 0);
        ph.executeUpdate();
        return Math.max(selectHead(st, stream), 0);
    }

    /** The head read with the lock clause, or -1 when the stream has no row. */
    private long selectHead(StatementCache st, StreamId stream) throws SQLException {
        PreparedStatement ps = st.get(sql.selectHeadForWrite);
        ps.setString(1, stream.value());
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** The fence, read locked; a placeholder row (epoch 0) is created only when absent, as for {@link #head}. */
    private FenceRow fence(StatementCache st, String name) throws SQLException {
        FenceRow found = selectFence(st, name);
        if (found != null || !rowLocks) {
            return found == null ? FenceRow.ABSENT : found;
        }
        PreparedStatement ph = st.get(sql.insertFenceIfAbsent);
        ph.setString(1, name);
        ph.setString(2, "");
        ph.setLong(3, 0);
        ph.setString(4, "");
        ph.setLong(5, 0);
        ph.executeUpdate();
        found = selectFence(st, name);
        return found == null ? FenceRow.ABSENT : found;
    }

    /** The fence read with the lock clause; ABSENT for a placeholder, null when there is no row at all. */
    private FenceRow selectFence(StatementCache st, String name) throws SQLException {
        PreparedStatement ps = st.get(sql.selectFenceForWrite);
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            return rs.getLong(2) == 0 ? FenceRow.ABSENT : new FenceRow(rs.getString(1), rs.getLong(2));
        }
    }

    /** The part of a stored fence a condition looks at; epoch 0 and owner "" when absent. */
    record FenceRow(String owner, long epoch) {
        static final FenceRow ABSENT = new FenceRow("", 0);
    }
}
