package dev.steadfast.internal;

import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreProvider;
import dev.steadfast.spi.StoreSpec;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds the one {@link StoreProvider} for a scheme with {@link ServiceLoader}. Never falls back silently: no
 * provider, two providers, or a provider that failed to load is an error or, when the wanted scheme was found
 * anyway, a logged warning. Not API.
 */
public final class ProviderDiscovery {
    private static final SchemeDiscovery.Kind<StoreProvider> STORES = new SchemeDiscovery.Kind<>(
            StoreProvider.class, "store", StoreProvider::scheme, StoreProvider::description,
            StoreConfigurationException::new, FirstPartyArtifacts::schemeOfStoreProvider);

    private final SchemeDiscovery<StoreProvider> discovery;

    private ProviderDiscovery(SchemeDiscovery<StoreProvider> discovery) {
        this.discovery = discovery;
    }

    /**
     * The single provider serving {@code spec}'s scheme, constructing only the providers that may serve it: the
     * first-party providers of other schemes (known by class name) are left unloaded. Same errors and warnings as
     * {@code scan(loader, logger).select(spec)}.
     *
     * @param loader where to look for {@code META-INF/services/dev.steadfast.spi.StoreProvider}
     * @param logger where warnings about broken providers go when the wanted scheme is found anyway
     * @param spec   the store wanted
     * @return the provider
     * @throws StoreConfigurationException if none or several serve it; the message lists the schemes found, the
     *                                     artifact to add and the providers that failed to load
     */
    public static StoreProvider find(ClassLoader loader, System.Logger logger, StoreSpec spec) {
        return SchemeDiscovery.find(STORES, loader, logger, spec.scheme(), spec.toString());
    }

    /**
     * The scheme the first-party store provider {@code className} serves, known without loading it.
     *
     * @param className a provider's class name
     * @return its scheme, or empty when the class is not one of this project's providers
     */
    public static Optional<String> knownScheme(String className) {
        return FirstPartyArtifacts.schemeOfStoreProvider(className);
    }

    /**
     * Instantiates every provider {@code loader} lists, remembering the ones that fail.
     *
     * @param loader where to look for {@code META-INF/services/dev.steadfast.spi.StoreProvider}
     * @param logger where warnings about broken providers go when the wanted scheme is found anyway
     */
    public static ProviderDiscovery scan(ClassLoader loader, System.Logger logger) {
        return new ProviderDiscovery(SchemeDiscovery.scan(STORES, loader, logger));
    }

    /**
     * The single provider serving {@code spec}'s scheme.
     *
     * @throws StoreConfigurationException if none or several serve it; the message lists the schemes found, the
     *                                     artifact to add and the providers that failed to load
     */
    public StoreProvider select(StoreSpec spec) {
        return discovery.select(spec.scheme(), spec.toString());
    }

    /** Descriptions of the providers that failed to load, in the order met. */
    public List<String> failures() {
        return discovery.failures();
    }
}
