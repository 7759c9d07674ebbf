package dev.steadfast.backend.postgresql;

import dev.steadfast.spi.Store;
import dev.steadfast.tck.StoreTck;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The whole conformance kit against a real PostgreSQL server, every test in a fresh schema. */
class PostgresStoreTckTest extends StoreTck {
    /**
     * Given in every URI so the kit checks it never shows in the store's location; the test server trusts
     * loopback connections, so it is sent only if asked for and never checked.
     */
    private static final String PASSWORD = "tck-pg-secret-5b1e";
    private static final Map<Path, String> SCHEMAS = new ConcurrentHashMap<>();

    @Override
    protected Store openStore(Path dir) {
        String schema = SCHEMAS.computeIfAbsent(dir, d -> PgStores.freshSchema("tck"));
        return PgStores.open(schema, "&poolSize=4&password=" + PASSWORD);
    }

    /** Every commit waits for a WAL flush; a twentieth of the default load keeps the build fast. */
    @Override
    protected double scale() {
        return 0.05;
    }

    @Override
    protected Collection<String> secrets(Path dir) {
        return List.of(PASSWORD);
    }
}
