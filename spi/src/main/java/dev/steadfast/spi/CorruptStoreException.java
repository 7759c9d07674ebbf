package dev.steadfast.spi;

/**
 * Stored data failed a consistency or authenticity check: a checksum, a MAC, a broken chain, a gap. The message
 * names where (file, segment, offset, table) and what failed. The store does not repair it silently.
 */
public class CorruptStoreException extends StoreException {
    /**
     * A corruption found by a check of the stored data itself.
     *
     * @param message where the damage is (file, segment, offset or table) and which check failed
     */
    public CorruptStoreException(String message) {
        super(message);
    }

    /**
     * A corruption found through a lower-level failure, such as a decryption or parse error.
     *
     * @param message where the damage is (file, segment, offset or table) and which check failed
     * @param cause   the failure that revealed it
     */
    public CorruptStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
