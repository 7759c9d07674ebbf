package dev.steadfast.testing;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreProvider;
import dev.steadfast.spi.StoreSpec;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Opens stores the way applications do: the provider for the URI's scheme, found by ServiceLoader. */
public final class Stores {
    private Stores() {
    }

    /** The provider of {@code scheme} on the test class path, if any. */
    public static Optional<StoreProvider> provider(String scheme) {
        List<StoreProvider> found = ServiceLoader.load(StoreProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.scheme().equals(scheme))
                .toList();
        if (found.size() > 1) {
            throw new IllegalStateException("two providers for scheme '" + scheme + "': " + found);
        }
        return found.stream().findFirst();
    }

    /** Opens {@code uri} with its scheme's provider. */
    public static Store open(String uri) {
        StoreSpec spec = StoreSpec.parse(uri);
        return provider(spec.scheme()).orElseThrow(() -> new IllegalStateException(
                "no store provider for scheme '" + spec.scheme() + "' on the test class path; found " + schemes()))
                .open(spec);
    }

    /** The schemes on the test class path. */
    public static TreeSet<String> schemes() {
        TreeSet<String> schemes = new TreeSet<>();
        ServiceLoader.load(StoreProvider.class).forEach(p -> schemes.add(p.scheme()));
        return schemes;
    }
}
