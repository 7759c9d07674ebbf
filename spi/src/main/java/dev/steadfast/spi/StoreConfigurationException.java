package dev.steadfast.spi;

/**
 * A store could not be selected or opened as asked: unknown scheme, malformed URI, invalid option, missing key
 * file. Nothing was opened or changed.
 */
public class StoreConfigurationException extends StoreException {
    /** A configuration error described by {@code message}. */
    public StoreConfigurationException(String message) {
        super(message);
    }

    /** A configuration error described by {@code message}, caused by {@code cause}. */
    public StoreConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
