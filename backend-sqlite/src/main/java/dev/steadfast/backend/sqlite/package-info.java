/**
 * Schemes {@code sqlite:} ({@link dev.steadfast.backend.sqlite.SqliteStoreProvider}) and {@code h2:}
 * ({@link dev.steadfast.backend.sqlite.H2StoreProvider}): the JDBC store of {@code steadfast-jdbc} with a SQLite
 * and an H2 dialect.
 */
package dev.steadfast.backend.sqlite;
