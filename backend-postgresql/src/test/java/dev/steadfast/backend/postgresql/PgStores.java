package dev.steadfast.backend.postgresql;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import java.util.concurrent.atomic.AtomicInteger;

/** Opens stores on the shared test server, each test in a schema of its own. */
final class PgStores {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private PgStores() {
    }

    /** A schema name no other test of this JVM uses. */
    static String freshSchema(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    }

    /** The URI of {@code schema} on the shared server, with extra options ("&a=b...") appended. */
    static String uri(String schema, String extraOptions) {
        return PostgresServer.shared().storeUri(schema) + extraOptions;
    }

    static Store open(String schema) {
        return open(schema, "");
    }

    static Store open(String schema, String extraOptions) {
        return new PostgresStoreProvider().open(StoreSpec.parse(uri(schema, extraOptions)));
    }
}
