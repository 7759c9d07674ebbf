package dev.steadfast.backend.postgresql;

import dev.steadfast.spi.Store;
import dev.steadfast.tck.StoreTck;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The whole conformance kit against a real PostgreSQL server, every test in a fresh schema. */
class PostgresStoreTckTest extends StoreTck {
    private static final Map<Path, String> SCHEMAS = new ConcurrentHashMap<>();

    @Override
    protected Store openStore(Path dir) {
        String schema = SCHEMAS.computeIfAbsent(dir, d -> PgStores.freshSchema("tck"));
        return PgStores.open(schema, "&poolSize=4");
    }

    /** Every commit waits for a WAL flush; a twentieth of the default load keeps the build fast. */
    @Override
    protected double scale() {
        return 0.05;
    }
}
