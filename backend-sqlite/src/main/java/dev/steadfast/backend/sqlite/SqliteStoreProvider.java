package dev.steadfast.backend.sqlite;

import dev.steadfast.jdbc.ConnectionSource;
import dev.steadfast.jdbc.Dialect;
import dev.steadfast.jdbc.JdbcStores;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StoreProvider;
import dev.steadfast.spi.StoreSpec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Scheme {@code sqlite:}: a store in one SQLite file, durable and shared by every process that opens the file.
 *
 * <p>URI: {@code sqlite:./data/app.db?synchronous=full&busyTimeoutMs=5000}. Options:
 * <ul>
 *   <li>{@code synchronous} — {@code full} (default) or {@code extra}: every commit is synced to disk before it is
 *       acknowledged, so the store is {@linkplain StoreDescriptor#durable() durable}; {@code normal}: WAL commits
 *       are synced only at checkpoints, faster, survives a killed process but may lose the last commits on power
 *       loss, so the store declares itself not durable.</li>
 *   <li>{@code busyTimeoutMs} — how long a write waits for another process holding the file's write lock before
 *       failing with a {@link dev.steadfast.spi.StoreIOException} that says nothing was written, default 5000.
 *       Stores of the file in this process never wait for each other this way (see below).</li>
 *   <li>{@code create} — {@code true} (default); {@code false} opens only an existing store and leaves its file
 *       byte for byte as it was: a missing file or one without Steadfast tables fails with
 *       {@link dev.steadfast.spi.NoSuchStoreException}, nothing is created, configured or migrated.</li>
 * </ul>
 *
 * <p>The database runs in WAL mode: readers never block the writer. Writes of every store opened on the file in
 * this process queue on one in-process lock (two handles of one file take turns rather than time each other out in
 * SQLite's busy handler, which {@code busyTimeoutMs} bounds for other processes) and run as {@code BEGIN IMMEDIATE}
 * transactions with every guard evaluated inside, so fencing holds between processes; {@link Store#applyAll}
 * commits many batches with one sync. The directory must exist; a file that is
 * not a Steadfast store, or has a newer schema, is refused and left unchanged.
 */
public final class SqliteStoreProvider implements StoreProvider {
    /** The largest payload, snapshot or record value accepted. */
    public static final int MAX_PAYLOAD_BYTES = 16 << 20;

    private static final Set<String> OPTIONS = Set.of("synchronous", "busyTimeoutMs", "create");
    private static final Set<String> SYNC_MODES = Set.of("full", "extra", "normal");

    /** For {@link java.util.ServiceLoader}; does nothing. */
    public SqliteStoreProvider() {
    }

    @Override
    public String scheme() {
        return "sqlite";
    }

    @Override
    public String description() {
        return "SQLite file store (dev.steadfast:steadfast-backend-sqlite)";
    }

    @Override
    public Store open(StoreSpec spec) {
        return open(spec, UnaryOperator.identity());
    }

    /** Opens the store with its connections passed through {@code around} (tests that pause or count writes). */
    Store open(StoreSpec spec, UnaryOperator<ConnectionSource> around) {
        Objects.requireNonNull(spec, "spec");
        if (!scheme().equals(spec.scheme())) {
            throw new StoreConfigurationException("store " + spec + " is not a sqlite: URI");
        }
        spec.requireKnownOptions(OPTIONS);
        String sync = spec.option("synchronous", "full").trim().toLowerCase(Locale.ROOT);
        if (!SYNC_MODES.contains(sync)) {
            throw new StoreConfigurationException("option 'synchronous' of store " + spec
                    + " must be full, extra or normal, was '" + spec.option("synchronous", "") + "'");
        }
        long busyTimeoutMs = spec.longOption("busyTimeoutMs", 5000, 0, Integer.MAX_VALUE);
        boolean create = spec.booleanOption("create", true);
        Path file = DatabaseFile.require(spec, DatabaseFile.path(spec));
        if (!create) {
            DatabaseFile.requireExisting(spec, file);
        }
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        TimedWriterLock writerLock = new TimedWriterLock(WriterLocks.of(file));
        ConnectionSource source = around.apply(
                new SqliteWatch(file, busyTimeoutMs, writerLock, use -> connect(url, sync, busyTimeoutMs)));
        StoreDescriptor descriptor = new StoreDescriptor(scheme(), spec.location(), !"normal".equals(sync), true,
                false, MAX_PAYLOAD_BYTES);
        return JdbcStores.open(new SqliteDialect(writerLock), source, descriptor, create);
    }

    /** Per-connection settings only: nothing here writes to the file (WAL is switched on after validation). */
    private static Connection connect(String url, String sync, long busyTimeoutMs) throws SQLException {
        Connection c = org.sqlite.JDBC.createConnection(url, new Properties());
        try {
            Dialect.execute(c, "PRAGMA busy_timeout = " + busyTimeoutMs);
            Dialect.execute(c, "PRAGMA synchronous = " + sync.toUpperCase(Locale.ROOT));
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }
}
