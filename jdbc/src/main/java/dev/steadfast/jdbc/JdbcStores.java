package dev.steadfast.jdbc;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreDescriptor;
import java.util.Objects;

/**
 * Opens a Steadfast {@link Store} over a JDBC database. A JDBC backend supplies its {@link Dialect}, a
 * {@link ConnectionSource} and the descriptor its provider promises; this module supplies the rest: the tables
 * and their versioning, guarded atomic batches, group commit through {@link Store#applyAll}, streaming reads.
 *
 * <pre>{@code
 * Store store = JdbcStores.open(new MyDialect(), mySource,
 *         new StoreDescriptor("mydb", location, true, true, false, 16 << 20));
 * }</pre>
 */
public final class JdbcStores {
    private JdbcStores() {
    }

    /**
     * Opens the store: creates the schema in an empty database, migrates an older Steadfast schema forward, and
     * refuses anything else before writing to it.
     *
     * @param dialect    what differs in this database
     * @param source     where connections come from; owned by the store from now on (closed with it, or right
     *                   away if opening fails)
     * @param descriptor what the store promises; its {@code maxPayloadBytes} is enforced on every write
     * @return the open store; its descriptor's {@code formatVersion} is the schema version this code reads
     * @throws dev.steadfast.spi.IncompatibleFormatException if the database is not a Steadfast store, or its
     *                                                       schema is newer than this code
     * @throws dev.steadfast.spi.StoreException              if the database cannot be reached or read
     */
    public static Store open(Dialect dialect, ConnectionSource source, StoreDescriptor descriptor) {
        return open(dialect, source, descriptor, true);
    }

    /**
     * Opens the store like {@link #open(Dialect, ConnectionSource, StoreDescriptor)}, or, when {@code create} is
     * false, only if the database already holds a Steadfast store at the current schema version: then nothing is
     * created, configured or migrated, so read-only tools leave the database exactly as they found it.
     *
     * @param dialect    what differs in this database
     * @param source     where connections come from; owned by the store from now on (closed with it, or right
     *                   away if opening fails)
     * @param descriptor what the store promises; its {@code maxPayloadBytes} is enforced on every write
     * @param create     true to create or migrate the schema as needed, false to open only an existing store as it
     *                   is
     * @return the open store; its descriptor's {@code formatVersion} is the schema version this code reads
     * @throws dev.steadfast.spi.NoSuchStoreException if {@code create} is false and the database holds no store
     * @throws dev.steadfast.spi.IncompatibleFormatException if {@code create} is false and the store needs
     *                                                       migrating, or as above
     */
    public static Store open(Dialect dialect, ConnectionSource source, StoreDescriptor descriptor, boolean create) {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(descriptor, "descriptor");
        JdbcStore store = new JdbcStore(dialect, source, descriptor);
        try {
            store.open(create);
            return store;
        } catch (RuntimeException | Error e) {
            source.close();
            throw e;
        }
    }
}
