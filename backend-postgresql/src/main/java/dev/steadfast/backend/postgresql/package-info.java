/**
 * The PostgreSQL backend, scheme {@code postgresql:}: one Steadfast store in a schema of a PostgreSQL database,
 * shared by every JVM on every machine that opens it, with fencing and sequence checks enforced by the database.
 * The entry points are {@link dev.steadfast.backend.postgresql.PostgresStoreProvider} (found by
 * {@link java.util.ServiceLoader}) and its {@code open(DataSource, String)} for an application's own pool.
 */
package dev.steadfast.backend.postgresql;
