package dev.steadfast.backend.sqlite;

import dev.steadfast.spi.StoreProvider;
import dev.steadfast.tck.StoreProviderTck;
import java.nio.file.Path;
import java.util.Map;

/** The {@code h2:} provider against the provider kit. */
class H2StoreProviderTckTest extends StoreProviderTck {
    @Override
    protected StoreProvider provider() {
        return new H2StoreProvider();
    }

    @Override
    protected String uri(Path dir) {
        return "h2:" + dir.resolve("tck");
    }

    @Override
    protected Map<String, String> malformedOptions() {
        return Map.of("busyTimeoutMs", "-1");
    }
}
