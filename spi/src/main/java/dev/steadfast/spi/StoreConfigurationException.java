package dev.steadfast.spi;

/**
 * A store could not be selected or opened as asked: unknown scheme, malformed URI, invalid option, missing key
 * file. Nothing was opened or changed.
 */
public class StoreConfigurationException extends StoreException {
    /**
     * A configuration error found by checking the spec.
     *
     * @param message the spec or option at fault, what was expected and what was found
     */
    public StoreConfigurationException(String message) {
        super(message);
    }

    /**
     * A configuration error found through a lower-level failure, such as an unreadable key file.
     *
     * @param message the spec or option at fault, what was expected and what was found
     * @param cause   the exception that caused it
     */
    public StoreConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
