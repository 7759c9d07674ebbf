package dev.steadfast.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * What differs between databases under the JDBC store: column types, upsert syntax, how a write transaction starts
 * and what makes it safe against other writers, and what a driver's error means.
 *
 * <p>The defaults fit SQL that SQLite (3.24+) and PostgreSQL (9.5+) share: {@code INSERT ... ON CONFLICT}, {@code
 * LIMIT ?}, savepoints, auto-commit off for a transaction. A dialect overrides what its database does differently.
 *
 * <p><b>Correctness between writers.</b> The store evaluates every guard and condition inside the write
 * transaction. An append moves the stream head with {@code UPDATE streams SET head = new WHERE stream = ? AND
 * head = expected} (or creates the row with {@link #insertIfAbsent} when the expected head is 0), and a fence
 * change is the same compare-and-set on the fence row: on a database with row locks the UPDATE waits for a
 * concurrent writer of that row and re-checks its condition on the committed value (PostgreSQL's behaviour in
 * READ COMMITTED), and the loser of a race on inserting the same new row gets a unique violation, which the
 * dialect classifies {@link FailureKind#RETRYABLE}. Guards only read: either the database serialises whole write
 * transactions ({@link #lockClause()} empty, as SQLite does with {@code BEGIN IMMEDIATE}), or the store first
 * inserts an invisible placeholder row for the stream head or fence (head 0, epoch 0) and reads it with the lock
 * clause, so the guarded row cannot change until the transaction ends. The in-process lock of
 * {@link #singleWriter()} is an optimisation for one process, never what makes writers across processes safe.
 * The shortcuts of {@link #conditionalAppend} and {@link #autoCommitStatementIsTransaction} keep exactly this
 * compare-and-set; they only send it, and what it guards, in fewer statements.
 *
 * <p><b>Ordering.</b> Record keys are compared by the database with {@link #keyType()}; that type must compare
 * as unsigned bytes. Name columns ({@link #textType()}) must sort lexicographically by some code unit (binary
 * collation: SQLite's {@code BINARY}, PostgreSQL's {@code COLLATE "C"}); the store sorts listed names into code
 * point order itself.
 */
public interface Dialect {

    /**
     * Names the database in error messages and reports.
     *
     * @return the database's product name, for example {@code "SQLite"}
     */
    String name();

    /**
     * The column type of journal payloads, snapshot payloads and record values.
     *
     * @return a binary type that holds the store's largest payload, such as {@code BLOB} or {@code BYTEA}
     */
    String payloadType();

    /**
     * The column type of record keys, which scans rely on for their order.
     *
     * @return a binary type for 1 to 1024 bytes that compares as unsigned bytes in indexes and {@code ORDER BY}
     */
    String keyType();

    /**
     * The column type of names and fence tokens.
     *
     * @return a text type for up to 512 chars with a binary collation, such as {@code TEXT COLLATE "C"}
     */
    String textType();

    /**
     * The column type of sequences, epochs, heads and lease ends.
     *
     * @return a signed 64-bit integer type; {@code BIGINT} by default
     */
    default String longType() {
        return "BIGINT";
    }

    /**
     * Appended to every {@code CREATE TABLE} of the schema (all tables have a primary key), for example SQLite's
     * {@code " WITHOUT ROWID"}, which stores each table as one b-tree so a write touches fewer pages. Empty by
     * default.
     *
     * @return SQL to append, starting with a space, or empty
     */
    default String tableOptions() {
        return "";
    }

    /**
     * Appended to the journal's {@code CREATE TABLE} instead of {@link #tableOptions()}; the same by default. The
     * journal is the one table many writers append to at once, one tail per stream, so its best layout can differ.
     * Only the layout: every statement reads and writes either, so stores created with another layout keep working.
     *
     * @return SQL to append, starting with a space, or empty
     */
    default String journalTableOptions() {
        return tableOptions();
    }

    /**
     * An insert-or-replace of one row. Parameters are the key columns then the value columns, in order.
     *
     * @param table        the table
     * @param keyColumns   the columns of its primary key
     * @param valueColumns the other columns, replaced when the row exists
     * @return the statement, with one {@code ?} per column
     */
    default String upsert(String table, List<String> keyColumns, List<String> valueColumns) {
        String updates = valueColumns.stream().map(c -> c + " = excluded." + c).collect(Collectors.joining(", "));
        return insertInto(table, keyColumns, valueColumns)
                + " ON CONFLICT (" + String.join(", ", keyColumns) + ") DO UPDATE SET " + updates;
    }

    /**
     * Like {@link #upsert} but leaves an existing row alone; its update count tells whether it inserted (1) or
     * found the row (0). Used to create a stream head or fence row that must not exist yet, and for the
     * placeholders of {@link #lockClause()}.
     *
     * @param table        the table
     * @param keyColumns   the columns of its primary key
     * @param valueColumns the other columns, written only when the row is new
     * @return the statement, with one {@code ?} per column
     */
    default String insertIfAbsent(String table, List<String> keyColumns, List<String> valueColumns) {
        return insertInto(table, keyColumns, valueColumns) + " ON CONFLICT (" + String.join(", ", keyColumns)
                + ") DO NOTHING";
    }

    /**
     * Appended to a {@code SELECT} of a stream head or fence row inside a write transaction to lock that row, for
     * example {@code " FOR UPDATE"}; empty when the database already serialises write transactions.
     *
     * @return SQL to append, starting with a space, or empty (the default)
     */
    default String lockClause() {
        return "";
    }

    /**
     * One statement that appends {@code entries} entries to a stream only if its head is at the expected value and
     * moves the head in the same statement, or null (the default) when the database has none for this many entries
     * (a dialect may offer it for some counts only); the store then moves
     * the head and inserts the entries with separate statements. Parameters, in order: the new head, the stream,
     * the expected head, then the sequence and the payload of each entry. Its update count is the number of entries
     * it inserted: {@code entries} when the head moved, 0 when it did not, in which case it wrote nothing at all
     * (the store then finds out why with its separate statements).
     *
     * <p>The compare-and-set must be exactly as safe as {@code UPDATE streams SET head = ? WHERE stream = ? AND
     * head = ?}: wait for a concurrent writer of the head row and decide on its committed value.
     *
     * @param createHead true when the expected head is 0: the statement must then also create an absent head row,
     *                   and take over a placeholder row whose head is still 0
     * @param entries    how many entries, at least 1
     * @return the statement, or null
     */
    default String conditionalAppend(boolean createHead, int entries) {
        return null;
    }

    /**
     * Like {@link #conditionalAppend}, and only if one fence is at an expected epoch: the form of a durable session's
     * append (one fence guard, one append) in one statement, or null (the default) when the database has none; the
     * store then checks the guard inside a transaction. The statement must read the fence row the way a guard does
     * under {@link #lockClause()}: locked, so that a takeover committing meanwhile either makes the statement wait
     * and write nothing, or waits itself until the append has committed. It writes nothing when the fence is absent
     * or at another epoch, or the head is not at the expected value; the store then finds out why with its separate
     * statements. Parameters, in order: the fence name, the expected epoch, then those of {@link #conditionalAppend}.
     * Run auto-committed (where {@link #autoCommitStatementIsTransaction()} holds) for a lone batch, and inside the
     * write transaction, as one JDBC batch, for a group of such batches.
     *
     * @param createHead as for {@link #conditionalAppend}
     * @param entries    how many entries, at least 1
     * @return the statement, or null
     */
    default String fenceGuardedAppend(boolean createHead, int entries) {
        return null;
    }

    /**
     * One statement that applies a whole group of appends to distinct streams with existing heads, each only if its
     * stream's head is at the expected value, or null (the default) when the database has none; the store then sends
     * the appends one statement each. Parameters, six arrays made with {@link Connection#createArrayOf} under the
     * element type names {@code "text"}, {@code "bigint"} and {@code "bytea"}: per append its stream, expected head
     * and new head; then per entry its stream, sequence and payload. The result has one row per append whose head
     * moved, its stream in the first column; every such append inserted all its entries, and an append not returned
     * wrote nothing (the store then finds out why with its separate statements).
     *
     * <p>Each append's compare-and-set must be exactly as safe as {@link #conditionalAppend}'s: wait for a concurrent
     * writer of the head row and decide on its committed version.
     *
     * <p>The store uses it only when switched on for measurement (the system property {@code
     * steadfast.jdbc.groupAppend=on} when a store opens); on PostgreSQL it measured no faster than one pipelined
     * statement per append.
     *
     * @return the statement, or null
     */
    default String groupAppend() {
        return null;
    }

    /**
     * A common table expression {@code g} that has a row only when the fence named by its first parameter is at the
     * epoch of its second, or null (the default) when the database has none. The store puts it before a fence
     * compare-and-set and adds {@code AND EXISTS (SELECT 1 FROM g)}, so that a batch of one fence change under one
     * fence guard (a lease acquired without a read: the lease's fence, guarded by its queue's counter) is one
     * statement, run auto-committed where {@link #autoCommitStatementIsTransaction()} holds. It must read the guard's
     * row the way a guard does under {@link #lockClause()} (locked, so the row cannot change until the statement's
     * transaction ends); where no row holds the lock it may leave {@code g} empty, and the store then decides the
     * batch in a transaction (which creates the placeholder row).
     *
     * @return the {@code WITH} clause defining {@code g}, or null where the dialect has none
     */
    default String fenceGuard() {
        return null;
    }

    /**
     * Whether one statement run on a connection in auto-commit mode is a transaction of its own: atomic, under the
     * same isolation as the store's write transactions, and as durable when it returns as a commit is. The store
     * then runs a batch that is one unguarded append (with {@link #conditionalAppend}) or one fence change (also
     * under one fence guard, with {@link #fenceGuard}) as that single statement, without a transaction around it:
     * one round trip instead of three. False by default.
     *
     * @return true only when the database and driver guarantee all three
     */
    default boolean autoCommitStatementIsTransaction() {
        return false;
    }

    /**
     * Whether writes of one store go through one connection, one at a time, behind an in-process lock (SQLite:
     * the database has one writer, and threads spinning on its busy handler would starve each other).
     *
     * @return true to serialise this store's writes in the process
     */
    boolean singleWriter();

    /**
     * The lock a {@link #singleWriter()} store holds around each write and maintenance call; the store asks once,
     * when it is created. Stores handed the same lock queue on it together: a dialect whose database is one file
     * (SQLite) hands every store of one file in this process the same lock, so two handles of one file never meet
     * in the database's busy handler, whose polling a handle that writes back to back can starve past its timeout.
     * Other processes still meet there, as before.
     *
     * @return a lock for the store; a new one (the store's own) by default
     */
    default Lock writerLock() {
        return new ReentrantLock();
    }

    /**
     * Starts a write transaction on a connection in auto-commit mode, so that the guards read in it hold until it
     * commits (SQLite overrides this with {@code BEGIN IMMEDIATE}).
     *
     * @param connection a write connection, in auto-commit mode
     * @throws SQLException as the driver reports it; the store classifies it with {@link #classify}
     */
    default void begin(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
    }

    /**
     * Commits the transaction {@link #begin} started and returns the connection to auto-commit mode. Returning
     * normally means the transaction is durable as far as the database promises.
     *
     * @param connection the connection the transaction runs on
     * @throws SQLException as the driver reports it; the outcome may then be unknown
     */
    default void commit(Connection connection) throws SQLException {
        connection.commit();
        connection.setAutoCommit(true);
    }

    /**
     * Rolls the transaction {@link #begin} started back and returns the connection to auto-commit mode.
     *
     * @param connection the connection the transaction runs on
     * @throws SQLException as the driver reports it; the store then releases the connection as broken
     */
    default void rollback(Connection connection) throws SQLException {
        connection.rollback();
        connection.setAutoCommit(true);
    }

    /**
     * Called first inside the transaction that checks, creates or migrates the schema, to keep two processes
     * opening a fresh database at once from both creating it (for example an advisory lock). Nothing by default.
     *
     * @param connection the connection the schema transaction runs on
     * @throws SQLException as the driver reports it
     */
    default void lockSchema(Connection connection) throws SQLException {
    }

    /**
     * Called after a store's tables were created or migrated and committed, outside any transaction: makes that
     * commit reach the disk now, where the database may acknowledge commits before they do (H2 with a write
     * delay). A store whose first writes are lost in a crash must still open as the empty store it was, not as a
     * half-created schema that is refused as foreign. Nothing by default: commits are durable when they return.
     *
     * @param connection a connection in auto-commit mode
     * @throws SQLException as the driver reports it; the store then fails to open
     */
    default void syncSchema(Connection connection) throws SQLException {
    }

    /**
     * Called once when a store opens, outside any transaction, after the database is known to be empty or a
     * Steadfast store this code can read, and before anything is written: the place for settings stored in the
     * database itself (SQLite's WAL journal mode). Nothing by default.
     *
     * @param connection a connection in auto-commit mode
     * @throws SQLException as the driver reports it; the store then fails to open
     */
    default void configureDatabase(Connection connection) throws SQLException {
    }

    /**
     * Gives the space of deleted rows back, on a connection in auto-commit mode with this store's other writers held
     * off where the dialect has a {@link #singleWriter()} (for example SQLite's {@code VACUUM}). Must change no
     * row. Nothing by default: the database reuses freed pages for later rows on its own.
     *
     * @param connection a connection in auto-commit mode
     * @throws SQLException as the driver reports it; what is stored is unchanged
     */
    default void reclaimSpace(Connection connection) throws SQLException {
    }

    /**
     * Measures the store's footprint, for {@link dev.steadfast.spi.Store#storageBytes()}.
     *
     * @param connection a connection in auto-commit mode
     * @return bytes the store's tables occupy, freed pages included, or -1 (the default) when the database cannot
     *         tell
     * @throws SQLException as the driver reports it
     */
    default long storageBytes(Connection connection) throws SQLException {
        return -1;
    }

    /**
     * Lists the tables in the store's schema, to tell an empty database, a Steadfast store and a foreign database
     * apart before anything is written. The default asks the driver's {@link DatabaseMetaData}.
     *
     * @param connection a connection in auto-commit mode
     * @return the names of the tables the store's connections see, in lower case
     * @throws SQLException as the driver reports it
     */
    default Set<String> tables(Connection connection) throws SQLException {
        Set<String> names = new TreeSet<>();
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), "%",
                new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /**
     * Runs a statement without parameters; a convenience for dialects' transaction and pragma code.
     *
     * @param connection where to run it
     * @param sql        the statement
     * @throws SQLException as the driver reports it
     */
    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * How many rows a cursor over journals and records fetches per round trip: memory per open stream against
     * round trips per scan.
     *
     * @return the JDBC fetch size, 512 by default
     */
    default int fetchSize() {
        return 512;
    }

    /**
     * Whether a cursor streams only inside a transaction (PostgreSQL fetches everything at once in auto-commit
     * mode); the store then turns auto-commit off on the read connection while the cursor is open.
     *
     * @return true when streaming needs a transaction; false by default
     */
    default boolean cursorsNeedTransaction() {
        return false;
    }

    /**
     * Says what a driver's exception means, so the store can throw the matching {@link
     * dev.steadfast.spi.StoreException} or retry. Looks at the causes and SQL state; never throws.
     *
     * @param e what the driver threw
     * @return its kind; {@link FailureKind#OTHER} when unrecognised
     */
    FailureKind classify(SQLException e);

    private static String insertInto(String table, List<String> keyColumns, List<String> valueColumns) {
        StringBuilder sb = new StringBuilder("INSERT INTO ").append(table).append(" (")
                .append(String.join(", ", keyColumns));
        for (String c : valueColumns) {
            sb.append(", ").append(c);
        }
        sb.append(") VALUES (?");
        sb.append(", ?".repeat(keyColumns.size() + valueColumns.size() - 1));
        return sb.append(')').toString();
    }
}
