package dev.steadfast.spi;

/**
 * The root of every fault a store reports: something is broken, as opposed to an expected {@link Conflict}.
 * Unchecked, because a caller rarely recovers from a broken disk at the call site.
 */
public class StoreException extends RuntimeException {
    /** A fault described by {@code message}. */
    public StoreException(String message) {
        super(message);
    }

    /** A fault described by {@code message}, caused by {@code cause}. */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
