package dev.steadfast.backend.sqlite;

import dev.steadfast.jdbc.ConnectionSource;
import dev.steadfast.jdbc.JdbcStores;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StoreProvider;
import dev.steadfast.spi.StoreSpec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.function.UnaryOperator;

/**
 * Scheme {@code h2:}: a store in an embedded H2 database, {@code h2:./data/app} (file {@code ./data/app.mv.db})
 * or {@code h2:mem:name} (in memory, gone when the store closes). Needs {@code com.h2database:h2} on the class
 * path. Option {@code busyTimeoutMs}: how long a write waits for a row another transaction locked, default 5000;
 * {@code create=false} opens only an existing store (a missing file or empty database is
 * {@link dev.steadfast.spi.NoSuchStoreException}; nothing is created or migrated); {@code readOnly=true} opens an
 * existing file store as {@code create=false} does and has H2 open the file read-only ({@code ACCESS_MODE_DATA=r}),
 * so that reading it changes no byte (H2 otherwise rewrites parts of the file when it opens and closes it, and any
 * write then fails); {@code writeDelayMs}, see below.
 * Stores opened on one database in this process (twice the same URI, or two spellings of one file) write one at a
 * time, queued on one lock: a write waits for the other store's write in progress, then checks its guards. They
 * share one database opened one way: a store asking for another {@code readOnly} or {@code writeDelayMs} than the
 * stores of the file already open here is refused.
 *
 * <p><b>Durability.</b> By default ({@code writeDelayMs=0}, H2's {@code WRITE_DELAY=0}) H2 writes each commit to
 * the file before acknowledging it, so a committed batch survives closing and a killed process, but H2 does not
 * sync the file on commit, so a power loss may lose acknowledged batches. The descriptor therefore says
 * {@code durable=false}; an H2 file is held by one process at a time, so it also says
 * {@code sharedAcrossProcesses=false}. Use {@code sqlite:} for durability.
 *
 * <p>{@code writeDelayMs=N} (1 to {@value #MAX_WRITE_DELAY_MS}) lets H2 acknowledge a commit before writing it and
 * write the commits of up to N ms together (H2's own default is 500): much faster for many small writes, but a
 * killed process may then lose the batches acknowledged in its last N ms (closing the store still writes
 * everything). The descriptor says so in {@link StoreDescriptor#crashLossWindowMillis()}. Atomicity and guards are
 * unchanged: H2 rolls back on reopen what it had not written whole, so a batch is there entirely or not at all.
 * Meant for tests and like-for-like comparisons with tools that run H2 with its default; {@code h2:mem:} has
 * nothing to delay and refuses the option.
 *
 * <p>A file store offers its {@code .mv.db} file's size to a {@link dev.steadfast.spi.StoreMonitor}
 * ({@link dev.steadfast.spi.StoreGauge#FILE_BYTES}).
 */
public final class H2StoreProvider implements StoreProvider {
    /** The largest payload, snapshot or record value accepted. */
    public static final int MAX_PAYLOAD_BYTES = 16 << 20;

    /** The largest {@code writeDelayMs} accepted. */
    public static final int MAX_WRITE_DELAY_MS = 60_000;

    private static final Set<String> OPTIONS = Set.of("busyTimeoutMs", "create", "readOnly", "writeDelayMs");

    /** For {@link java.util.ServiceLoader}; does nothing. */
    public H2StoreProvider() {
    }

    @Override
    public String scheme() {
        return "h2";
    }

    @Override
    public String description() {
        return "H2 embedded store (dev.steadfast:steadfast-backend-sqlite with com.h2database:h2)";
    }

    @Override
    public Store open(StoreSpec spec) {
        return open(spec, UnaryOperator.identity());
    }

    /** Opens the store with its connections passed through {@code around} (tests that pause or count writes). */
    Store open(StoreSpec spec, UnaryOperator<ConnectionSource> around) {
        Objects.requireNonNull(spec, "spec");
        if (!scheme().equals(spec.scheme())) {
            throw new StoreConfigurationException("store " + spec + " is not an h2: URI");
        }
        spec.requireKnownOptions(OPTIONS);
        long busyTimeoutMs = spec.longOption("busyTimeoutMs", 5000, 0, Integer.MAX_VALUE);
        boolean readOnly = spec.booleanOption("readOnly", false);
        boolean create = spec.booleanOption("create", true) && !readOnly;
        long writeDelayMs = spec.longOption("writeDelayMs", 0, 0, MAX_WRITE_DELAY_MS);
        requireDriver(spec);
        String location = spec.location();
        String url;
        Path file = null;
        Lock writerLock;
        if (location.startsWith("mem:")) {
            String name = location.substring(4);
            if (name.isBlank() || name.contains(";")) {
                throw new StoreConfigurationException("store " + spec + " needs a plain name after 'mem:'");
            }
            if (spec.options().containsKey("writeDelayMs")) {
                throw new StoreConfigurationException("store " + spec + ": option 'writeDelayMs' applies to H2"
                        + " files; an h2:mem: store has no file to delay writing to");
            }
            if (readOnly) {
                throw new StoreConfigurationException("store " + spec + ": option 'readOnly' applies to H2 files; "
                        + "an h2:mem: store has no file to keep unchanged");
            }
            url = "jdbc:h2:mem:" + name;
            writerLock = WriterLocks.ofMemory(name);
        } else {
            Path base = DatabaseFile.path(spec);
            if (location.contains(";")) {
                throw new StoreConfigurationException("store " + spec + ": settings go in ?options, not after ';'");
            }
            DatabaseFile.require(spec, base);
            DatabaseFile.require(spec, Path.of(base + ".mv.db"));
            if (!create) {
                DatabaseFile.requireExisting(spec, Path.of(base + ".mv.db"));
            }
            url = "jdbc:h2:file:" + base.toAbsolutePath()
                    + (readOnly ? ";ACCESS_MODE_DATA=r" : ";WRITE_DELAY=" + writeDelayMs);
            file = Path.of(base.toAbsolutePath() + ".mv.db");
            writerLock = WriterLocks.ofH2(file);
        }
        String full = url + ";LOCK_TIMEOUT=" + busyTimeoutMs;
        ConnectionSource pool = new PooledSource(use -> {
            Connection c = DriverManager.getConnection(full);
            if (use == ConnectionSource.Use.READ) {
                // Under READ COMMITTED, H2 can show one table's rows of a committing transaction before
                // another's (a reader saw a new journal entry, then a head that did not cover it yet).
                // A snapshot per statement sees a transaction's writes all at once.
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            return c;
        });
        TimedWriterLock timedLock = new TimedWriterLock(writerLock);
        Runnable release = file == null ? () -> { }
                : H2Modes.hold(writerLock, readOnly ? "readOnly=true" : "writeDelayMs=" + writeDelayMs, spec);
        ConnectionSource source = around.apply(new H2Watch(pool, file, timedLock, release));
        StoreDescriptor descriptor = new StoreDescriptor(scheme(), location, false, false, false, MAX_PAYLOAD_BYTES)
                .withCrashLossWindowMillis(writeDelayMs);
        return JdbcStores.open(new H2Dialect(timedLock), source, descriptor, create);
    }

    private static void requireDriver(StoreSpec spec) {
        try {
            Class.forName("org.h2.Driver");
        } catch (ClassNotFoundException e) {
            throw new StoreConfigurationException("store " + spec
                    + " needs the H2 driver: add com.h2database:h2 to the class path", e);
        }
    }
}
