package dev.steadfast.transport;

import dev.steadfast.spi.transport.Transport;
import dev.steadfast.spi.transport.TransportConfigurationException;
import dev.steadfast.spi.transport.TransportProvider;
import dev.steadfast.spi.transport.TransportSpec;

/**
 * Serves {@code inproc:NAME}: the JVM-wide {@link InprocNetwork#named(String) network NAME} on the system clock,
 * without faults. Tests that inject faults build their network with {@link InprocNetwork#create} instead.
 */
public final class InprocTransportProvider implements TransportProvider {

    /** For {@link java.util.ServiceLoader}. */
    public InprocTransportProvider() {
    }

    @Override
    public String scheme() {
        return "inproc";
    }

    @Override
    public String description() {
        return "in-process network for tests and single-JVM use (dev.steadfast:steadfast-core)";
    }

    @Override
    public Transport open(TransportSpec spec) {
        if (spec.location().isEmpty()) {
            throw new TransportConfigurationException(
                    "transport " + spec + " names no network; expected for example 'inproc:lab'");
        }
        if (!spec.options().isEmpty()) {
            throw new TransportConfigurationException("transport " + spec + " has unknown options "
                    + spec.options().keySet() + "; inproc: takes none");
        }
        return InprocNetwork.named(spec.location()).transport();
    }
}
