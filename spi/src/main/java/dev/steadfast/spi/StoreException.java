package dev.steadfast.spi;

/**
 * The root of every fault a store reports: something is broken, as opposed to an expected {@link Conflict}.
 * Unchecked, because a caller rarely recovers from a broken disk at the call site.
 */
public class StoreException extends RuntimeException {
    /**
     * A fault found by the store's own checks.
     *
     * @param message what is broken and where
     */
    public StoreException(String message) {
        super(message);
    }

    /**
     * A fault found through a lower-level failure.
     *
     * @param message what is broken and where
     * @param cause   the exception that caused it
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
