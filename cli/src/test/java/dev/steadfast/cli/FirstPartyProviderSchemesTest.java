package dev.steadfast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steadfast.internal.ProviderDiscovery;
import dev.steadfast.spi.StoreProvider;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * Discovery passes over this project's providers of other schemes by class name (core's table of them); with every
 * backend on this class path, each entry must be the scheme the provider itself serves, and each provider listed.
 */
class FirstPartyProviderSchemesTest {
    @Test
    void everyBackendsProviderServesTheSchemeDiscoveryKnowsItBy() {
        List<StoreProvider> providers = ServiceLoader.load(StoreProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.getClass().getName().startsWith("dev.steadfast.backend."))
                .toList();

        assertEquals(5, providers.size(), "memory, sqlite, h2, encrypted-file, postgresql: " + providers);
        for (StoreProvider provider : providers) {
            assertEquals(provider.scheme(), ProviderDiscovery.knownScheme(provider.getClass().getName()).orElse(null),
                    provider.getClass().getName());
        }
    }
}
