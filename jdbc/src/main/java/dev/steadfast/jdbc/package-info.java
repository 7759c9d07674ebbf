/**
 * The dialect-neutral JDBC store shared by the JDBC backends (SQLite, H2, PostgreSQL). A backend implements
 * {@link dev.steadfast.jdbc.Dialect} and {@link dev.steadfast.jdbc.ConnectionSource} and opens its stores with
 * {@link dev.steadfast.jdbc.JdbcStores#open}; this module registers no provider itself.
 */
package dev.steadfast.jdbc;
