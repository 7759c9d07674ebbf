package dev.steadfast;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreProvider;
import dev.steadfast.spi.StoreSpec;

/** Serves {@code test-fixture:}; listed in core's test {@code META-INF/services} to prove ServiceLoader discovery. */
public final class FixtureStoreProvider implements StoreProvider {
    /** The scheme served. */
    public static final String SCHEME = "test-fixture";

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public String description() {
        return "core test fixture store";
    }

    @Override
    public Store open(StoreSpec spec) {
        spec.requireKnownOptions(java.util.Set.of());
        return new FixtureStore(spec.location().isEmpty() ? "anonymous" : spec.location());
    }
}
