package dev.steadfast.backend.inmemory;

import dev.steadfast.spi.StoreProvider;
import dev.steadfast.tck.StoreProviderTck;
import java.nio.file.Path;

/** The {@code memory:} provider against the provider kit; it takes no options, so every option is unknown. */
class InMemoryStoreProviderTckTest extends StoreProviderTck {
    @Override
    protected StoreProvider provider() {
        return new InMemoryStoreProvider();
    }

    @Override
    protected String uri(Path dir) {
        return "memory:";
    }
}
