package dev.steadfast.backend.sqlite;

import dev.steadfast.jdbc.Dialect;
import dev.steadfast.jdbc.FailureKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * H2 (embedded): writes go through one connection at a time, and every store opened on one database in this
 * process queues on the same lock ({@link WriterLocks}; an H2 file belongs to one process, so that orders all its
 * Steadfast writers). Connections racing in H2's row locks were not safe enough: {@code SELECT ... FOR UPDATE} was
 * seen to return a head read before the wait, and two stores with a lock each let two auto-committed
 * compare-and-sets move one fence from the same epoch while the other store's guarded append (fence read
 * {@code FOR UPDATE}, then journal writes) committed. Row locks stay on
 * as a second line (every stream head and fence a transaction checks is read {@code FOR UPDATE}, with a placeholder
 * row when absent, and a lost race on inserting the same key is retried). A lone one-entry append
 * is one auto-committed statement ({@link #conditionalAppend}), and a group of them one JDBC batch of those.
 */
final class H2Dialect implements Dialect {
    private final Lock writerLock;

    /** A dialect whose store queues its writes on a lock of its own (tests that build a store by hand). */
    H2Dialect() {
        this(new ReentrantLock());
    }

    /** A dialect whose store queues its writes on {@code writerLock}, shared with the other stores of its database. */
    H2Dialect(Lock writerLock) {
        this.writerLock = writerLock;
    }

    @Override
    public String name() {
        return "H2";
    }

    @Override
    public String payloadType() {
        return "VARBINARY";
    }

    @Override
    public String keyType() {
        return "VARBINARY(1024)"; // H2 2.x compares binary strings as unsigned bytes
    }

    @Override
    public String textType() {
        return "VARCHAR(512)"; // compared by UTF-16 unit; the store sorts listed names into code point order
    }

    @Override
    public String upsert(String table, List<String> keys, List<String> values) {
        List<String> all = columns(keys, values);
        return "MERGE INTO " + table + " (" + String.join(", ", all) + ") KEY (" + String.join(", ", keys)
                + ") VALUES (" + marks(all.size()) + ")";
    }

    @Override
    public String insertIfAbsent(String table, List<String> keys, List<String> values) {
        List<String> all = columns(keys, values);
        String cols = String.join(", ", all);
        return "MERGE INTO " + table + " t USING (VALUES (" + marks(all.size()) + ")) s(" + cols + ") ON "
                + keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "))
                + " WHEN NOT MATCHED THEN INSERT (" + cols + ") VALUES ("
                + all.stream().map(c -> "s." + c).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * {@code INSERT INTO journal ... SELECT h.stream, ?, ? FROM FINAL TABLE (<head compare-and-set>) h}: H2's data
     * change delta table yields the head row only if the compare-and-set changed it, so the entry is inserted
     * exactly when the head moved, in one statement that H2 applies whole or not at all. The head part is the
     * store's own {@code UPDATE streams SET head = ? WHERE stream = ? AND head = ?}, exactly as safe as it is in the
     * separate statements: it waits for another connection writing the row, though H2 does not re-check the
     * condition afterwards, so the loser of such a race inserts an entry number the winner holds, the journal's key
     * refuses it, the statement rolls back whole and {@link #classify} makes the store retry (two stores on one
     * database; one store's writes never race, they share one connection). Creating a head is a {@code MERGE} that
     * also takes over a placeholder row (head 0); two connections creating one head race to a unique violation,
     * retried the same way. Numbered parameters keep the order {@link Dialect} documents.
     *
     * <p>Only for one entry: joining the delta table with a {@code VALUES} list of entries made H2 slower than the
     * separate statements (single-thread probe, alternated, H2 2.5: 2,080 against 2,661 appends/s), while the
     * one-entry form is faster than them (3,283 and 2,736 against 2,590 and 2,416 auto-committed; equal inside a
     * transaction). Appends of several entries take the separate statements.
     */
    @Override
    public String conditionalAppend(boolean createHead, int entries) {
        if (entries != 1) {
            return null;
        }
        String head = createHead
                ? "MERGE INTO streams t USING (VALUES (CAST(?1 AS BIGINT), CAST(?2 AS " + textType() + ")))"
                        + " s(head, stream) ON t.stream = s.stream WHEN MATCHED AND t.head = CAST(?3 AS BIGINT)"
                        + " THEN UPDATE SET head = s.head WHEN NOT MATCHED THEN INSERT (stream, head)"
                        + " VALUES (s.stream, s.head)"
                : "UPDATE streams SET head = ?1 WHERE stream = ?2 AND head = ?3";
        return "INSERT INTO journal (stream, seq, payload) SELECT h.stream, CAST(?4 AS BIGINT), CAST(?5 AS "
                + payloadType() + ") FROM FINAL TABLE (" + head + ") h";
    }

    /**
     * H2 runs a statement in auto-commit mode as a transaction of its own, under the connection's isolation (the
     * store's write connections keep H2's READ COMMITTED), and acknowledges it as it acknowledges a commit: written
     * to the file first with {@code WRITE_DELAY=0}, within the delay otherwise, exactly as a commit of the
     * transactional path would be. So a lone one-entry append and a lone fence change (a lease's release) run
     * without BEGIN and COMMIT. There is no {@link #fenceGuard}: H2 cannot lock a row inside an {@code UPDATE}'s
     * subquery, so a guarded fence change keeps its transaction.
     */
    /**
     * With {@code WRITE_DELAY} above 0 a committed schema may still sit in memory when the process dies: the
     * tables can reach the file without the version row, and the next open would refuse the database as foreign.
     * {@code CHECKPOINT SYNC} writes and forces everything committed so far.
     */
    @Override
    public void syncSchema(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CHECKPOINT SYNC");
        }
    }

    @Override
    public boolean autoCommitStatementIsTransaction() {
        return true;
    }

    @Override
    public String lockClause() {
        return " FOR UPDATE";
    }


    @Override
    public boolean singleWriter() {
        return true;
    }

    /** Shared by the stores of one database in this process: see {@link WriterLocks}. */
    @Override
    public Lock writerLock() {
        return writerLock;
    }

    /** Compacts the file online: see {@link H2Space} for why H2's SQL alone cannot. */
    @Override
    public void reclaimSpace(Connection connection) throws SQLException {
        H2Space.compact(connection);
    }

    @Override
    public long storageBytes(Connection connection) throws SQLException {
        return H2Space.fileSize(connection);
    }

    @Override
    public FailureKind classify(SQLException e) {
        return switch (e.getErrorCode()) {
            case 23505, 40001 -> FailureKind.RETRYABLE; // lost race on a placeholder row, deadlock
            case 50200 -> FailureKind.BUSY;
            case 90020, 90146, 90013 -> FailureKind.CANNOT_OPEN; // in use by another process, not found
            case 90030 -> FailureKind.CORRUPT;
            case 90048 -> FailureKind.NOT_A_DATABASE;
            case 90097 -> FailureKind.READ_ONLY;
            case 90067, 90098, 90121 -> FailureKind.CONNECTION_LOST;
            default -> FailureKind.OTHER;
        };
    }

    private static List<String> columns(List<String> keys, List<String> values) {
        List<String> all = new ArrayList<>(keys);
        all.addAll(values);
        return all;
    }

    private static String marks(int n) {
        return "?" + ", ?".repeat(n - 1);
    }
}
