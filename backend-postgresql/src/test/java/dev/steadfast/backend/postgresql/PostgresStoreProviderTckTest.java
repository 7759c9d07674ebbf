package dev.steadfast.backend.postgresql;

import dev.steadfast.spi.StoreProvider;
import dev.steadfast.tck.StoreProviderTck;
import java.nio.file.Path;
import java.util.Map;

/** The {@code postgresql:} provider against the provider kit, on the shared throwaway server. */
class PostgresStoreProviderTckTest extends StoreProviderTck {
    @Override
    protected StoreProvider provider() {
        return new PostgresStoreProvider();
    }

    @Override
    protected String uri(Path dir) {
        return PgStores.uri(PgStores.freshSchema("provider"), "&poolSize=2");
    }

    @Override
    protected Map<String, String> malformedOptions() {
        return Map.of("poolSize", "0", "connectTimeoutMs", "soon", "statementTimeoutMs", "-1", "schema", "no-such;name");
    }
}
