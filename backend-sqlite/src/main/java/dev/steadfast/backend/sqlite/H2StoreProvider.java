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

/**
 * Scheme {@code h2:}: a store in an embedded H2 database, {@code h2:./data/app} (file {@code ./data/app.mv.db})
 * or {@code h2:mem:name} (in memory, gone when the store closes). Needs {@code com.h2database:h2} on the class
 * path. Option {@code busyTimeoutMs}: how long a write waits for a row another transaction locked, default 5000;
 * {@code create=false} opens only an existing store (a missing file or empty database is
 * {@link dev.steadfast.spi.NoSuchStoreException}; nothing is created or migrated).
 *
 * <p><b>Durability.</b> H2 writes each commit to the file before acknowledging it ({@code WRITE_DELAY=0}), so a
 * committed batch survives closing and a killed process, but H2 does not sync the file on commit, so a power loss
 * may lose acknowledged batches. The descriptor therefore says {@code durable=false}; an H2 file is held by one
 * process at a time, so it also says {@code sharedAcrossProcesses=false}. Use {@code sqlite:} for durability.
 */
public final class H2StoreProvider implements StoreProvider {
    /** The largest payload, snapshot or record value accepted. */
    public static final int MAX_PAYLOAD_BYTES = 16 << 20;

    private static final Set<String> OPTIONS = Set.of("busyTimeoutMs", "create");

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
        Objects.requireNonNull(spec, "spec");
        if (!scheme().equals(spec.scheme())) {
            throw new StoreConfigurationException("store " + spec + " is not an h2: URI");
        }
        spec.requireKnownOptions(OPTIONS);
        long busyTimeoutMs = spec.longOption("busyTimeoutMs", 5000, 0, Integer.MAX_VALUE);
        boolean create = spec.booleanOption("create", true);
        requireDriver(spec);
        String location = spec.location();
        String url;
        if (location.startsWith("mem:")) {
            String name = location.substring(4);
            if (name.isBlank() || name.contains(";")) {
                throw new StoreConfigurationException("store " + spec + " needs a plain name after 'mem:'");
            }
            url = "jdbc:h2:mem:" + name;
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
            url = "jdbc:h2:file:" + base.toAbsolutePath() + ";WRITE_DELAY=0";
        }
        String full = url + ";LOCK_TIMEOUT=" + busyTimeoutMs;
        ConnectionSource source = new PooledSource(use -> {
            Connection c = DriverManager.getConnection(full);
            if (use == ConnectionSource.Use.READ) {
                // Under READ COMMITTED, H2 can show one table's rows of a committing transaction before
                // another's (a reader saw a new journal entry, then a head that did not cover it yet).
                // A snapshot per statement sees a transaction's writes all at once.
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            return c;
        });
        StoreDescriptor descriptor = new StoreDescriptor(scheme(), location, false, false, false, MAX_PAYLOAD_BYTES);
        return JdbcStores.open(new H2Dialect(), source, descriptor, create);
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
