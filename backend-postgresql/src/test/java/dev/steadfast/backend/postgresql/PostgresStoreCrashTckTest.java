package dev.steadfast.backend.postgresql;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.tck.StoreCrashTck;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kit's kill -9 test against PostgreSQL: the child JVM is a client killed mid-commit; the server lives on, and
 * the reopened store must hold every batch the client was told committed and no half batch. The schema is chosen
 * here, in the test JVM, so the child is given the store's URI (server address and schema) as a system property
 * instead of starting a server of its own.
 */
class PostgresStoreCrashTckTest extends StoreCrashTck {
    private static final String URI_PROPERTY = "steadfast.test.crash.uri";
    private static final Map<Path, String> URIS = new ConcurrentHashMap<>();

    @Override
    protected Store openStore(Path dir) {
        return new PostgresStoreProvider().open(StoreSpec.parse(uri(dir)));
    }

    @Override
    protected Map<String, String> childProperties(Path dir) {
        return Map.of(URI_PROPERTY, uri(dir));
    }

    /** In the child the URI it was given; in the test JVM one fresh schema per directory on the shared server. */
    private static String uri(Path dir) {
        String given = System.getProperty(URI_PROPERTY);
        return given != null ? given : URIS.computeIfAbsent(dir, d -> PgStores.uri(PgStores.freshSchema("crash"), ""));
    }
}
