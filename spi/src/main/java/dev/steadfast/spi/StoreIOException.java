package dev.steadfast.spi;

/**
 * The store's medium failed: a file, a disk, a connection. Whether the current write applied is unknown unless
 * the message says so; a durable store never reports such a write as committed.
 */
public class StoreIOException extends StoreException {
    /** An I/O failure described by {@code message}, caused by {@code cause}. */
    public StoreIOException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An I/O failure described by {@code message}. */
    public StoreIOException(String message) {
        super(message);
    }
}
