package dev.steadfast.backend.sqlite;

import dev.steadfast.spi.StoreProvider;
import dev.steadfast.tck.StoreProviderTck;
import java.nio.file.Path;
import java.util.Map;

/** The {@code sqlite:} provider against the provider kit. */
class SqliteStoreProviderTckTest extends StoreProviderTck {
    @Override
    protected StoreProvider provider() {
        return new SqliteStoreProvider();
    }

    @Override
    protected String uri(Path dir) {
        return "sqlite:" + dir.resolve("tck.db") + "?synchronous=full";
    }

    @Override
    protected Map<String, String> malformedOptions() {
        return Map.of("synchronous", "sometimes", "busyTimeoutMs", "soon");
    }
}
