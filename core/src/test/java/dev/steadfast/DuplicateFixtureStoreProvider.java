package dev.steadfast;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreProvider;
import dev.steadfast.spi.StoreSpec;

/** A second provider of {@code test-fixture:}, listed only by tests that simulate an ambiguous class path. */
public final class DuplicateFixtureStoreProvider implements StoreProvider {
    @Override
    public String scheme() {
        return FixtureStoreProvider.SCHEME;
    }

    @Override
    public Store open(StoreSpec spec) {
        return new FixtureStore("duplicate");
    }
}
