package dev.steadfast.internal;

import dev.steadfast.spi.transport.TransportConfigurationException;
import dev.steadfast.spi.transport.TransportProvider;
import dev.steadfast.spi.transport.TransportSpec;

/**
 * Finds the one {@link TransportProvider} for a scheme, with the same rules and messages as {@link
 * ProviderDiscovery}: never a silent fallback. Not API.
 */
public final class TransportDiscovery {
    private static final SchemeDiscovery.Kind<TransportProvider> TRANSPORTS = new SchemeDiscovery.Kind<>(
            TransportProvider.class, "transport", TransportProvider::scheme, TransportProvider::description,
            TransportConfigurationException::new, FirstPartyArtifacts::schemeOfTransportProvider);

    private TransportDiscovery() {
    }

    /**
     * The single provider on {@code loader}'s class path serving {@code spec}'s scheme.
     *
     * @throws TransportConfigurationException if none or several serve it; the message lists the schemes found,
     *                                         the artifact to add and the providers that failed to load
     */
    public static TransportProvider select(TransportSpec spec, ClassLoader loader, System.Logger logger) {
        return SchemeDiscovery.find(TRANSPORTS, loader, logger, spec.scheme(), spec.toString());
    }
}
