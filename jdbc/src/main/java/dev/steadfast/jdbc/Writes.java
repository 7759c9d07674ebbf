package dev.steadfast.jdbc;

import dev.steadfast.spi.Conflict;
import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;

/**
 * Runs batches in one write transaction: guards and conditions read inside it, one commit (one sync) for all, a
 * savepoint around each batch of a group so one batch's conflict rolls back only that batch. On dialects that allow
 * it, {@link FastPaths} first tries a lone append or fence change as one auto-committed statement, and sends a
 * group of independent appends as one JDBC batch; in a mixed group, the independent appends go first, together
 * ({@link FastPaths#independentPart}), and only the other batches run one by one.
 */
final class Writes {
    /** Attempts for a transaction the database aborted to keep writers serialisable. */
    private static final int MAX_ATTEMPTS = 5;

    private final JdbcStore store;
    private final Dialect dialect;
    private final ConnectionSource source;
    private final BatchWriter writer;
    private final FastPaths fast;
    private final Lock singleWriter;
    private StatementCache writerStatements;

    Writes(JdbcStore store, Dialect dialect, ConnectionSource source, Sql sql) {
        this.store = store;
        this.dialect = dialect;
        this.source = source;
        this.writer = new BatchWriter(sql, dialect);
        this.fast = new FastPaths(writer, sql, dialect);
        this.singleWriter = dialect.singleWriter() ? dialect.writerLock() : null;
    }

    List<WriteResult> run(List<WriteBatch> batches, String during) {
        if (singleWriter != null) {
            singleWriter.lock();
        }
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return once(batches, during);
                } catch (Retry r) {
                    if (attempt >= MAX_ATTEMPTS) {
                        throw r.failure;
                    }
                }
            }
        } finally {
            if (singleWriter != null) {
                singleWriter.unlock();
            }
        }
    }

    /** Runs {@code work} with other writers held off where the dialect has a single writer. */
    void holdingWriters(Runnable work) {
        if (singleWriter != null) {
            singleWriter.lock();
        }
        try {
            work.run();
        } finally {
            if (singleWriter != null) {
                singleWriter.unlock();
            }
        }
    }

    /** Work on the write connection outside any transaction, for example a {@code VACUUM}. */
    interface Maintenance<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} on a write connection in auto-commit mode, with other writers of this store held off where
     * the dialect has a single writer. A failure leaves the store as it was: maintenance changes no visible state.
     */
    <T> T maintain(Maintenance<T> work, String during) {
        if (singleWriter != null) {
            singleWriter.lock();
        }
        Connection c = null;
        boolean broken = false;
        try {
            close(); // a cached statement left mid-step would make SQLite refuse a VACUUM on this connection
            c = source.borrow(ConnectionSource.Use.WRITE);
            return work.run(c);
        } catch (SQLException e) {
            broken = Failures.classify(dialect, e) == FailureKind.CONNECTION_LOST;
            throw Failures.translate(dialect, e, store.location(), during, Failures.Outcome.READ);
        } finally {
            if (c != null) {
                source.release(c, ConnectionSource.Use.WRITE, broken);
            }
            if (singleWriter != null) {
                singleWriter.unlock();
            }
        }
    }

    /** Closes the cached statements of the single writer connection; called by close with writes drained. */
    void close() {
        if (writerStatements != null) {
            writerStatements.close();
            writerStatements = null;
        }
    }

    private List<WriteResult> once(List<WriteBatch> batches, String during) {
        Connection c;
        try {
            c = source.borrow(ConnectionSource.Use.WRITE);
        } catch (SQLException e) {
            throw Failures.translate(dialect, e, store.location(), during, Failures.Outcome.NOT_WRITTEN);
        }
        StatementCache st = statementsFor(c);
        boolean broken = false;
        boolean began = false;
        boolean autoCommitting = false;
        boolean committing = false;
        try {
            if (fast.aloneInAutoCommit(batches) && c.getAutoCommit()) {
                autoCommitting = true;
                if (fast.runAlone(st, batches.get(0))) {
                    return List.of(WriteResult.committed());
                }
                autoCommitting = false;
            }
            began = true; // from here on a failure needs a rollback, as before (even of a BEGIN that failed)
            dialect.begin(c);
            List<WriteResult> results = new ArrayList<>(batches.size());
            boolean anyCommitted = false;
            if (fast.independentAppends(batches)) {
                for (WriteResult r : fast.runIndependentAppends(st, batches)) {
                    anyCommitted |= r.isCommitted();
                    results.add(r);
                }
            } else if (batches.size() == 1) {
                Conflict conflict = writer.apply(st, batches.get(0));
                results.add(conflict == null ? WriteResult.committed() : conflict);
                anyCommitted = conflict == null;
            } else {
                WriteResult[] slots = new WriteResult[batches.size()];
                // The independent appends of a mixed group first, together; see FastPaths.independentPart.
                List<Integer> apart = fast.independentPart(batches);
                if (!apart.isEmpty()) {
                    List<WriteBatch> part = new ArrayList<>(apart.size());
                    apart.forEach(i -> part.add(batches.get(i)));
                    List<WriteResult> partResults = fast.runIndependentAppends(st, part);
                    for (int j = 0; j < apart.size(); j++) {
                        slots[apart.get(j)] = partResults.get(j);
                    }
                }
                for (int i = 0; i < batches.size(); i++) {
                    if (slots[i] == null) {
                        slots[i] = applyWithSavepoint(st, batches.get(i));
                    }
                    anyCommitted |= slots[i].isCommitted();
                    results.add(slots[i]);
                }
            }
            if (anyCommitted) {
                committing = true;
                dialect.commit(c);
            } else {
                dialect.rollback(c);
            }
            return results;
        } catch (SQLException e) {
            FailureKind kind = Failures.classify(dialect, e);
            broken = kind == FailureKind.CONNECTION_LOST || began && !rollbackQuietly(c);
            // An auto-committed statement the server answered with an error did not commit; one whose answer was
            // lost may have.
            boolean unknown = committing || autoCommitting && kind == FailureKind.CONNECTION_LOST;
            StoreException failure = Failures.translate(dialect, e, store.location(), during,
                    unknown ? Failures.Outcome.UNKNOWN : Failures.Outcome.NOT_WRITTEN);
            if (kind == FailureKind.RETRYABLE && !broken) {
                throw new Retry(failure);
            }
            throw failure;
        } catch (RuntimeException | Error e) {
            broken = !began || !rollbackQuietly(c);
            throw e;
        } finally {
            if (singleWriter == null || broken) {
                st.close();
                if (st == writerStatements) {
                    writerStatements = null;
                }
            }
            source.release(c, ConnectionSource.Use.WRITE, broken);
        }
    }

    /** One batch of a group, rolled back alone (to a savepoint) if it conflicts after writing. */
    private WriteResult applyWithSavepoint(StatementCache st, WriteBatch batch) throws SQLException {
        boolean savepoint = needsSavepoint(batch);
        if (savepoint) {
            st.get("SAVEPOINT steadfast_batch").execute();
        }
        Conflict conflict = writer.apply(st, batch);
        if (conflict != null && savepoint) {
            st.get("ROLLBACK TO SAVEPOINT steadfast_batch").execute();
        }
        if (savepoint) {
            st.get("RELEASE SAVEPOINT steadfast_batch").execute();
        }
        return conflict == null ? WriteResult.committed() : conflict;
    }

    /**
     * Whether a conflict could surface after the batch already wrote something. Guards write nothing visible, and
     * an append or fence change that fails writes nothing, so only a conditional operation after another
     * operation can leave writes to undo; a batch without one (a lone append: the group commit case) needs no
     * savepoint.
     */
    static boolean needsSavepoint(WriteBatch batch) {
        List<WriteOp> ops = batch.operations();
        for (int i = 1; i < ops.size(); i++) {
            if (ops.get(i) instanceof WriteOp.Append || ops.get(i) instanceof WriteOp.SetFence) {
                return true;
            }
        }
        return false;
    }

    private StatementCache statementsFor(Connection c) {
        if (singleWriter == null) {
            return new StatementCache(c);
        }
        if (writerStatements == null || writerStatements.connection() != c) {
            if (writerStatements != null) {
                writerStatements.close();
            }
            writerStatements = new StatementCache(c);
        }
        return writerStatements;
    }

    private boolean rollbackQuietly(Connection c) {
        try {
            dialect.rollback(c);
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** A transaction the database aborted for serialisability; run it again. */
    private static final class Retry extends RuntimeException {
        final StoreException failure;

        Retry(StoreException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }
}
