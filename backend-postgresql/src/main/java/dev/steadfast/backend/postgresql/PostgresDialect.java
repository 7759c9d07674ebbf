package dev.steadfast.backend.postgresql;

import dev.steadfast.jdbc.Dialect;
import dev.steadfast.jdbc.FailureKind;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;

/**
 * PostgreSQL under the JDBC store.
 *
 * <p><b>Why READ COMMITTED with row locks is correct.</b> Many JVMs on many machines write one database, so no
 * in-process lock can be what keeps two writers apart ({@link #singleWriter()} is false). Every condition is
 * decided on a locked row, inside the write transaction. An append moves its stream's head with a compare-and-set
 * {@code UPDATE ... WHERE head = expected}, a fence change does the same on the epoch, and a guard reads its row
 * {@code FOR UPDATE} (after {@code INSERT ... ON CONFLICT DO NOTHING} of a placeholder, so that even an absent
 * stream or fence has a row to lock). A row being changed by another transaction makes ours wait; once that one
 * commits, READ COMMITTED re-evaluates our condition on the newest committed version of the row, so the second
 * writer sees the first one's head or epoch and reports {@code SequenceConflict} / {@code FencedOut} instead of
 * writing. A guard's lock also holds back a takeover of its fence until the guarded batch has committed, so no
 * write of an old epoch can land after the takeover. A plain {@code SELECT} under READ COMMITTED would read the
 * old version without waiting: an append would then hit the first writer's entry as a duplicate key (a raw error,
 * not a conflict), and a write guarded by a fence epoch would commit after a takeover of that fence had committed.
 * REPEATABLE READ or SERIALIZABLE would instead abort the second writer with a serialization failure, turning
 * every contended write into a retry loop. Both races are pinned by {@code PostgresRowLockRaceTest}.
 *
 * <p>The common writes take one round trip: an unguarded append is one statement that moves the head and inserts
 * the entries ({@link #conditionalAppend}), and a batch that is only that append, only that append under one fence
 * guard ({@link #fenceGuardedAppend}), or only a fence change (also under one fence guard: {@link #fenceGuard}),
 * runs in auto-commit mode as a transaction of its own ({@link #autoCommitStatementIsTransaction}); a group of such
 * appends from independent writers goes to the server as one JDBC batch, which pgjdbc sends in one round trip.
 *
 * <p>Lock waits across transactions that lock rows in different orders end in a deadlock the server breaks by
 * aborting one of them; that, like a serialization failure, is {@link FailureKind#RETRYABLE}: nothing was written.
 */
final class PostgresDialect implements Dialect {
    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public String payloadType() {
        return "BYTEA";
    }

    /** {@code bytea} compares with memcmp, i.e. as unsigned bytes, then by length. */
    @Override
    public String keyType() {
        return "BYTEA";
    }

    /** The "C" collation orders by byte value, which in UTF-8 is code point order. */
    @Override
    public String textType() {
        return "TEXT COLLATE \"C\"";
    }

    @Override
    public String lockClause() {
        return " FOR UPDATE";
    }

    @Override
    public boolean singleWriter() {
        return false;
    }

    /**
     * {@code WITH h AS (<head compare-and-set> RETURNING stream) INSERT INTO journal ... SELECT ... FROM h}: the
     * entries are inserted once per row the head statement returned, i.e. all of them when the head moved and none
     * when it did not, and both parts are one statement, so one atomic unit. The head part is the same
     * compare-and-set as the store's separate statements: {@code UPDATE ... WHERE head = ?}, which under READ
     * COMMITTED waits for a concurrent writer of the row and re-evaluates the condition on its committed version;
     * for an expected head of 0, {@code INSERT ... ON CONFLICT (stream) DO UPDATE ... WHERE head = 0}, which
     * inserts an absent row, or locks the existing one (after waiting for a concurrent inserter to finish, never a
     * unique violation) and takes it over only if its newest version is still a placeholder with head 0.
     */
    @Override
    public String conditionalAppend(boolean createHead, int entries) {
        String head = createHead
                ? "INSERT INTO streams AS s (head, stream) VALUES (?, ?) ON CONFLICT (stream)"
                        + " DO UPDATE SET head = excluded.head WHERE s.head = ? RETURNING s.stream"
                : "UPDATE streams SET head = ? WHERE stream = ? AND head = ? RETURNING stream";
        return "WITH h AS (" + head + ")" + insertEntries(entries);
    }

    /**
     * {@link #conditionalAppend} behind {@code g AS (SELECT ... FROM fences WHERE name = ? AND epoch = ? FOR
     * UPDATE)}: the head part moves (or creates) the head only when {@code g} has the fence's row. The row is
     * locked until the statement's transaction ends, as a guard's read in a transaction locks it, so a takeover
     * waits until the append has committed; a takeover that commits while the statement waits makes READ COMMITTED
     * re-check {@code epoch = ?} on the new version, which fails, and the statement writes nothing.
     */
    @Override
    public String fenceGuardedAppend(boolean createHead, int entries) {
        String head = createHead
                ? "INSERT INTO streams AS s (head, stream) SELECT CAST(? AS BIGINT), CAST(? AS TEXT) FROM g"
                        + " ON CONFLICT (stream) DO UPDATE SET head = excluded.head WHERE s.head = ? RETURNING s.stream"
                : "UPDATE streams SET head = ? WHERE stream = ? AND head = ? AND EXISTS (SELECT 1 FROM g)"
                        + " RETURNING stream";
        return "WITH g AS (SELECT name FROM fences WHERE name = ? AND epoch = ? FOR UPDATE), h AS (" + head + ")"
                + insertEntries(entries);
    }

    /**
     * The appends' values as rows of {@code unnest} over array parameters, the heads moved by one {@code UPDATE ...
     * FROM} those rows (the same compare-and-set per row as {@link #conditionalAppend}: a row another transaction is
     * changing makes the statement wait, and READ COMMITTED re-checks {@code head = expected} on its committed
     * version), the entries inserted joined to the streams whose head moved, and those streams returned. One
     * statement, so one atomic unit: an append either moved its head and inserted every entry or wrote nothing.
     */
    @Override
    public String groupAppend() {
        return "WITH v AS (SELECT * FROM unnest(CAST(? AS TEXT[]), CAST(? AS BIGINT[]), CAST(? AS BIGINT[]))"
                + " AS v (stream, expected, head)),"
                + " h AS (UPDATE streams AS s SET head = v.head FROM v WHERE s.stream = v.stream"
                + " AND s.head = v.expected RETURNING s.stream),"
                + " j AS (INSERT INTO journal (stream, seq, payload) SELECT e.stream, e.seq, e.payload"
                + " FROM unnest(CAST(? AS TEXT[]), CAST(? AS BIGINT[]), CAST(? AS BYTEA[])) AS e (stream, seq, payload)"
                + " JOIN h ON h.stream = e.stream)"
                + " SELECT stream FROM h";
    }

    /**
     * The guard's row read {@code FOR UPDATE}, as {@link #fenceGuardedAppend} reads it: locked until the
     * statement's transaction ends, and a change committed while the statement waits for the lock makes READ
     * COMMITTED re-check {@code epoch = ?} on the new version. An absent guard fence has no row to lock, so the
     * statement writes nothing and the store's transaction creates the placeholder row (once; later statements lock
     * it).
     */
    @Override
    public String fenceGuard() {
        return "WITH g AS (SELECT name FROM fences WHERE name = ? AND epoch = ? FOR UPDATE)";
    }

    private static String insertEntries(int entries) {
        return " INSERT INTO journal (stream, seq, payload)"
                + " SELECT h.stream, v.seq, v.payload FROM h CROSS JOIN (VALUES (CAST(? AS BIGINT), CAST(? AS BYTEA))"
                + ", (?, ?)".repeat(entries - 1) + ") AS v (seq, payload)";
    }

    /**
     * In auto-commit mode PostgreSQL runs each statement as its own transaction, under the session's default
     * isolation (the store's sessions set READ COMMITTED) and, with {@code synchronous_commit = on} (also set by
     * the store), returns only after its commit record is flushed: the same guarantees as BEGIN, statement, COMMIT.
     */
    @Override
    public boolean autoCommitStatementIsTransaction() {
        return true;
    }

    /** Two JVMs opening a fresh schema at once: the second waits, then finds the tables the first created. */
    @Override
    public void lockSchema(Connection connection) throws SQLException {
        Dialect.execute(connection, "SELECT pg_advisory_xact_lock(hashtext('steadfast-schema:' || current_schema()))");
    }

    /** Exactly the current schema's tables ({@code getTables} takes a LIKE pattern, where {@code _} matches any). */
    @Override
    public Set<String> tables(Connection connection) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT lower(table_name) FROM information_schema.tables"
                     + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /**
     * A plain {@code VACUUM} (not {@code FULL}): it marks the space of deleted rows reusable and returns empty pages
     * at a table's end, taking no lock that stops readers or writers. {@code VACUUM FULL} would rewrite the tables
     * under an exclusive lock, which a store shared by running services cannot afford.
     */
    @Override
    public void reclaimSpace(Connection connection) throws SQLException {
        Dialect.execute(connection, "VACUUM journal, snapshots, records");
    }

    @Override
    public long storageBytes(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
                     + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                     + " WHERE n.nspname = current_schema() AND c.relkind = 'r'")) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** pgjdbc reads a whole result set at once unless auto-commit is off and a fetch size is set. */
    @Override
    public boolean cursorsNeedTransaction() {
        return true;
    }

    @Override
    public FailureKind classify(SQLException e) {
        FailureKind kind = byCause(e);
        // HikariCP's "connection is not available" when the server cannot be reached or the pool stays empty
        return kind == FailureKind.OTHER && e instanceof SQLTransientConnectionException
                ? FailureKind.CONNECTION_LOST : kind;
    }

    /**
     * The kind that the failure's chain names: the first I/O error (a lost connection) or SQL state that means more
     * than {@link FailureKind#OTHER}; {@code OTHER} when none does.
     */
    static FailureKind byCause(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return FailureKind.CONNECTION_LOST;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                FailureKind kind = byState(sql.getSQLState());
                if (kind != FailureKind.OTHER) {
                    return kind;
                }
            }
        }
        return FailureKind.OTHER;
    }

    static FailureKind byState(String state) {
        if (state.startsWith("08")) {
            return FailureKind.CONNECTION_LOST;
        }
        return switch (state) {
            // terminated by an administrator (pg_terminate_backend), crash shutdown, still starting or recovering
            case "57P01", "57P02", "57P03", "57P05" -> FailureKind.CONNECTION_LOST;
            // statement_timeout, lock_timeout, too many connections
            case "57014", "55P03", "53300" -> FailureKind.BUSY;
            case "40001", "40P01" -> FailureKind.RETRYABLE;
            // a hot standby (read replica) or a read-only transaction default
            case "25006" -> FailureKind.READ_ONLY;
            case "53100" -> FailureKind.DISK_FULL;
            case "XX001", "XX002" -> FailureKind.CORRUPT;
            // no such database, authentication failed, no privilege on the schema
            case "3D000", "28000", "28P01", "42501" -> FailureKind.CANNOT_OPEN;
            default -> FailureKind.OTHER;
        };
    }
}
