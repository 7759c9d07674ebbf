package dev.steadfast.spi.transport;

import dev.steadfast.spi.Clock;

/**
 * Opens transports of one URI scheme. Found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.steadfast.spi.transport.TransportProvider}.
 *
 * <p>The constructor must be public, take no arguments and be cheap; real work happens in {@link #open}.
 */
public interface TransportProvider {

    /**
     * The URI scheme served; two providers of one scheme on the class path make selecting it an error.
     *
     * @return the scheme in lower case without the colon, for example {@code "tcp"}
     */
    String scheme();

    /**
     * Describes the provider in error messages and tools.
     *
     * @return one line, for example the artifact that holds this provider; the class name by default
     */
    default String description() {
        return getClass().getName();
    }

    /**
     * Opens the transport {@code spec} names. Nothing listens or connects yet.
     *
     * @param spec the transport's options, with this provider's scheme
     * @return the transport, which the caller closes
     * @throws TransportConfigurationException if the spec's location or options are invalid for this transport
     */
    Transport open(TransportSpec spec);

    /**
     * Opens the transport {@code spec} names, timing its waits (such as the pause before reconnecting a broken
     * link) on {@code clock}, so that a {@code ManualClock} drives them in tests. By default the clock is not used:
     * a transport without timers of its own need not override this.
     *
     * @param spec  the transport's options, with this provider's scheme
     * @param clock times the transport's own waits
     * @return the transport, which the caller closes
     * @throws TransportConfigurationException if the spec's location or options are invalid for this transport
     */
    default Transport open(TransportSpec spec, Clock clock) {
        return open(spec);
    }
}
