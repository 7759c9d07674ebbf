package dev.steadfast.backend.postgresql;

import dev.steadfast.jdbc.ConnectionSource;
import dev.steadfast.jdbc.JdbcStores;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StoreProvider;
import dev.steadfast.spi.StoreSpec;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Scheme {@code postgresql:}: one store in a PostgreSQL schema, shared by every JVM on every machine that opens
 * it. Guards and conditions are enforced by the database inside each write transaction, so fencing holds between
 * processes on different hosts, not only between threads.
 *
 * <pre>{@code
 * Store store = Steadfast.open("postgresql://db.internal:5432/app?schema=steadfast&user=svc&passwordEnv=PGPASS")
 * }</pre>
 *
 * <p>Options: {@code schema} (default {@code steadfast}, created on first open), {@code user} (default: the OS
 * user), one of {@code password}, {@code passwordEnv} (the name of an environment variable holding it) or
 * {@code passwordFile} (a file holding it), {@code connectTimeoutMs} (default 10000), {@code statementTimeoutMs}
 * (default 30000, 0 for none), {@code poolSize} (default 10), {@code create} (default true; {@code false} opens
 * only an existing store and creates nothing) and the TLS options {@code sslmode}, {@code sslrootcert},
 * {@code sslcert}, {@code sslkey}, {@code sslpassword} (see the module README). A host other than this machine
 * reached without {@code sslmode=verify-full} gets a warning through {@link System.Logger}. The password is never
 * logged nor put into an error message or the store's descriptor. Tested with PostgreSQL 15; needs 9.5 or later.
 *
 * <p>Every connection runs with {@code synchronous_commit = on} and READ COMMITTED, whatever the database's
 * defaults: a batch is reported committed only once the server has flushed it to its WAL on disk (and to its
 * synchronous standbys, if it names any).
 */
public final class PostgresStoreProvider implements StoreProvider {
    /** The largest payload, snapshot or record value accepted. */
    static final int MAX_PAYLOAD_BYTES = 16 << 20;
    private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    /** Cheap: nothing happens before {@link #open}. */
    public PostgresStoreProvider() {
    }

    @Override
    public String scheme() {
        return "postgresql";
    }

    @Override
    public String description() {
        return "PostgreSQL, shared across processes and machines (artifact dev.steadfast:steadfast-backend-postgresql)";
    }

    /**
     * Opens the store a {@code postgresql://host:port/database?schema=...} URI names, creating its schema and
     * tables on first use.
     *
     * @throws StoreConfigurationException if the URI is malformed, an option is invalid or the server refuses the
     *                                     user or the TLS handshake
     * @throws dev.steadfast.spi.NoSuchStoreException with {@code create=false}, if the schema or its tables are
     *                                     missing (nothing is created)
     * @throws dev.steadfast.spi.StoreIOException if the server cannot be reached (the message names host and port)
     * @throws dev.steadfast.spi.IncompatibleFormatException if the schema holds a newer Steadfast schema version
     *                                     or other tables
     */
    @Override
    public Store open(StoreSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (!scheme().equals(spec.scheme())) {
            throw new StoreConfigurationException("store " + spec + " is not a postgresql: store");
        }
        PostgresConfig config = PostgresConfig.parse(spec);
        PostgresWarnings.unverifiedRemote(config);
        PostgresDialect dialect = new PostgresDialect();
        ConnectionSource pool = PostgresOpening.startPool(config, dialect);
        return open(dialect, pool, config.schema(), config.location(), config.create());
    }

    /**
     * Opens a store in {@code schema} over the application's own {@link DataSource} (its pool, its credentials,
     * its timeouts). Each connection the store borrows is pointed at {@code schema} with {@code search_path} and
     * the session settings above, and reset before it is given back. Closing the store leaves the data source
     * open.
     *
     * @param dataSource connections to the database, for example the application's HikariCP pool
     * @param schema     a plain SQL name; created on first open if missing
     * @return the open store; closing it leaves {@code dataSource} open
     * @throws StoreConfigurationException if the schema name is invalid
     * @throws dev.steadfast.spi.StoreException if the database cannot be reached or holds an incompatible schema
     */
    public static Store open(DataSource dataSource, String schema) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(schema, "schema");
        if (!SCHEMA.matcher(schema).matches()) {
            throw new StoreConfigurationException("schema must be a plain SQL name (letters, digits, underscore, "
                    + "at most 63), was '" + schema + "'");
        }
        String location = "datasource:" + dataSource.getClass().getSimpleName() + "?schema=" + schema;
        return open(new PostgresDialect(), new AppDataSourceConnections(dataSource, schema, location), schema,
                location, true);
    }

    private static Store open(PostgresDialect dialect, ConnectionSource source, String schema, String location,
                              boolean create) {
        boolean durable;
        try {
            durable = PostgresOpening.prepareSchema(source, dialect, schema, location, create);
        } catch (RuntimeException | Error e) {
            source.close();
            throw e;
        }
        return JdbcStores.open(dialect, source,
                new StoreDescriptor("postgresql", location, durable, true, false, MAX_PAYLOAD_BYTES), create);
    }
}
