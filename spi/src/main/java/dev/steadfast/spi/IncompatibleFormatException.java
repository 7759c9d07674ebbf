package dev.steadfast.spi;

/**
 * The location holds something this code cannot open without risk: not a Steadfast store, or a format or schema
 * version newer than the code. Nothing is changed; the message names both versions where there are two.
 */
public class IncompatibleFormatException extends StoreException {
    /**
     * An incompatibility found by reading the location's format or schema marker.
     *
     * @param message what was found at the location and which version this code supports
     */
    public IncompatibleFormatException(String message) {
        super(message);
    }

    /**
     * An incompatibility found through a lower-level failure, such as a parse error.
     *
     * @param message what was found at the location and which version this code supports
     * @param cause   the failure that revealed it
     */
    public IncompatibleFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
