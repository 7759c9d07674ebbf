package dev.steadfast.spi;

/**
 * The location holds something this code cannot open without risk: not a Steadfast store, or a format or schema
 * version newer than the code. Nothing is changed; the message names both versions where there are two.
 */
public class IncompatibleFormatException extends StoreException {
    /** An incompatibility described by {@code message}. */
    public IncompatibleFormatException(String message) {
        super(message);
    }

    /** An incompatibility described by {@code message}, found through {@code cause}. */
    public IncompatibleFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
