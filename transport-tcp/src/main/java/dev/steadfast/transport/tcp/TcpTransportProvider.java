package dev.steadfast.transport.tcp;

import dev.steadfast.spi.Clock;
import dev.steadfast.spi.transport.Transport;
import dev.steadfast.spi.transport.TransportProvider;
import dev.steadfast.spi.transport.TransportSpec;

/**
 * Serves {@code tcp://host:port?options}: replication and failover over TCP, with TLS (optionally mutual) when a
 * keystore or truststore is given. Options: {@code maxFrameBytes}, {@code backoffMillis}, {@code maxBackoffMillis},
 * {@code keystore}, {@code keystorePassword}, {@code truststore}, {@code truststorePassword}, {@code clientAuth}.
 * Stores are PKCS12. The URI's host and port are the node's default listen address. The reconnect backoff is
 * timed on the clock given to {@link #open(TransportSpec, Clock)}, the system clock otherwise.
 */
public final class TcpTransportProvider implements TransportProvider {

    /** For {@link java.util.ServiceLoader}. */
    public TcpTransportProvider() {
    }

    @Override
    public String scheme() {
        return "tcp";
    }

    @Override
    public String description() {
        return "TCP and TLS network transport (dev.steadfast:steadfast-transport-tcp)";
    }

    @Override
    public Transport open(TransportSpec spec) {
        return open(spec, Clock.system());
    }

    @Override
    public Transport open(TransportSpec spec, Clock clock) {
        return new TcpTransport(TcpOptions.of(spec), java.util.Objects.requireNonNull(clock, "clock"));
    }
}
