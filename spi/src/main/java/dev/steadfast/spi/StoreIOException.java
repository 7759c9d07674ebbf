package dev.steadfast.spi;

/**
 * The store's medium failed: a file, a disk, a connection. Whether the current write applied is unknown unless
 * the message says so; a durable store never reports such a write as committed.
 */
public class StoreIOException extends StoreException {
    /**
     * An I/O failure, with the exception the medium or its driver raised.
     *
     * @param message which file, disk or connection failed, and whether the current write applied when known
     * @param cause   the exception that caused it
     */
    public StoreIOException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * An I/O failure the store detected without an exception to wrap, such as a short read.
     *
     * @param message which file, disk or connection failed, and whether the current write applied when known
     */
    public StoreIOException(String message) {
        super(message);
    }
}
