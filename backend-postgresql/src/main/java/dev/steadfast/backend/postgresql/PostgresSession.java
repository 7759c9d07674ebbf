package dev.steadfast.backend.postgresql;

/**
 * Session settings every store connection runs with, whatever the server's or database's defaults.
 *
 * <p>{@code synchronous_commit = on}: a commit returns only once its WAL is flushed to disk (and to the synchronous
 * standbys, if the server names any), which is what lets the store report a batch as committed. A database-level
 * {@code off} would acknowledge commits that a crash can still lose. READ COMMITTED is what the row-lock argument
 * in {@link PostgresDialect} is made for.
 */
final class PostgresSession {
    static final String SETTINGS_SQL = "SET synchronous_commit TO on; "
            + "SET default_transaction_isolation TO 'read committed'";
    static final String RESET_SQL = "RESET synchronous_commit; RESET default_transaction_isolation";

    private PostgresSession() {
    }

    /** The same settings as libpq {@code options} for a connection the store opens itself. */
    static String startupOptions(String schema, long statementTimeoutMs) {
        // quoted, as CREATE SCHEMA and SET search_path quote it: unquoted, PostgreSQL would fold 'MySchema' to
        // 'myschema' and look for another schema than the one created
        return "-c search_path=\"" + schema + "\" -c statement_timeout=" + statementTimeoutMs
                + " -c synchronous_commit=on -c default_transaction_isolation=read\\ committed";
    }
}
