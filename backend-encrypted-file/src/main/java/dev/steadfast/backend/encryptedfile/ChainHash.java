package dev.steadfast.backend.encryptedfile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash chain over records: each record's associated data holds the chain value of the one before, so dropping,
 * reordering or replaying a record breaks authentication of every later one.
 */
final class ChainHash {
    private final MessageDigest sha256;

    ChainHash() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The chain value before a store's first record. */
    byte[] genesis(byte[] storeId) {
        sha256.reset();
        sha256.update("steadfast/encrypted-file/genesis".getBytes(StandardCharsets.US_ASCII));
        sha256.update(storeId);
        return sha256.digest();
    }

    /** The chain value after a record with this sequence, type and ciphertext. */
    byte[] next(byte[] previous, long sequence, byte type, byte[] ciphertext, int offset, int length) {
        sha256.reset();
        sha256.update(previous);
        for (int shift = 56; shift >= 0; shift -= 8) {
            sha256.update((byte) (sequence >>> shift));
        }
        sha256.update(type);
        sha256.update(ciphertext, offset, length);
        return sha256.digest();
    }
}
