package dev.steadfast.spi.transport;

/** A transport could not be selected or opened as asked: unknown scheme, malformed URI, invalid option. */
public class TransportConfigurationException extends TransportException {
    /** A configuration error described by {@code message}. */
    public TransportConfigurationException(String message) {
        super(message);
    }

    /** A configuration error described by {@code message}, caused by {@code cause}. */
    public TransportConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
