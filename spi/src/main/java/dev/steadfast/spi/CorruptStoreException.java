package dev.steadfast.spi;

/**
 * Stored data failed a consistency or authenticity check: a checksum, a MAC, a broken chain, a gap. The message
 * names where (file, segment, offset, table) and what failed. The store does not repair it silently.
 */
public class CorruptStoreException extends StoreException {
    /** A corruption described by {@code message}. */
    public CorruptStoreException(String message) {
        super(message);
    }

    /** A corruption described by {@code message}, found through {@code cause}. */
    public CorruptStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
