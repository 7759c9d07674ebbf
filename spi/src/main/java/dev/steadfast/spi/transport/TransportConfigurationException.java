package dev.steadfast.spi.transport;

/** A transport could not be selected or opened as asked: unknown scheme, malformed URI, invalid option. */
public class TransportConfigurationException extends TransportException {
    /**
     * A configuration error found by checking the spec.
     *
     * @param message the spec or option at fault, what was expected and what was found
     */
    public TransportConfigurationException(String message) {
        super(message);
    }

    /**
     * A configuration error found through a lower-level failure, such as an unreadable key store.
     *
     * @param message the spec or option at fault, what was expected and what was found
     * @param cause   the failure behind it
     */
    public TransportConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
