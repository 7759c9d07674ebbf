package dev.steadfast;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreProvider;
import dev.steadfast.spi.StoreSpec;

/** A provider whose constructor throws, listed only by tests that simulate a broken class path entry. */
public final class ThrowingStoreProvider implements StoreProvider {
    /** Always throws, as a provider missing its own dependency would. */
    public ThrowingStoreProvider() {
        throw new IllegalStateException("native driver missing");
    }

    @Override
    public String scheme() {
        return "broken";
    }

    @Override
    public Store open(StoreSpec spec) {
        throw new AssertionError("never constructed");
    }
}
