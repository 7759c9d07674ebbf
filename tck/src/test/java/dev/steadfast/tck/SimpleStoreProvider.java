package dev.steadfast.tck;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreProvider;
import dev.steadfast.spi.StoreSpec;
import java.nio.file.Path;
import java.util.Set;

/**
 * Opens {@link ReferenceStore}s for {@code simple:DIR?mode=strict|lenient}; the correct provider of the kit's
 * self-test, listed in this module's test {@code META-INF/services}. Its subclasses are the broken ones.
 */
public class SimpleStoreProvider implements StoreProvider {
    /** For {@link java.util.ServiceLoader}. */
    public SimpleStoreProvider() {
    }

    @Override
    public String scheme() {
        return "simple";
    }

    @Override
    public Store open(StoreSpec spec) {
        if (!scheme().equals(spec.scheme())) {
            throw new StoreConfigurationException("store " + spec + " is not a simple: URI");
        }
        checkOptions(spec);
        return ReferenceStore.open(Path.of(spec.location()));
    }

    void checkOptions(StoreSpec spec) {
        spec.requireKnownOptions(Set.of("mode"));
        String mode = spec.option("mode", "strict");
        if (!Set.of("strict", "lenient").contains(mode)) {
            throw new StoreConfigurationException("option 'mode' of store " + spec + " must be strict or lenient, was '"
                    + mode + "'");
        }
    }

    /** Reads the options it knows and ignores the rest. */
    public static class IgnoresUnknownOptions extends SimpleStoreProvider {
        @Override
        void checkOptions(StoreSpec spec) {
            spec.option("mode", "strict");
        }
    }

    /** Not listed in {@code META-INF/services}, so {@code ServiceLoader} never finds it. */
    public static class Unregistered extends SimpleStoreProvider {
    }
}
