package dev.steadfast.channel;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable run of bytes compared by content: message bodies, retrieval hints and cached repair payloads, so
 * that the values holding them can be records with a meaningful {@code equals}.
 */
public final class Bytes {
    private static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Wraps a copy of {@code bytes}; later changes to the array do not show.
     *
     * @param bytes the bytes
     * @return an immutable value holding them
     */
    public static Bytes of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /** {@return the value with no bytes} */
    public static Bytes empty() {
        return EMPTY;
    }

    /** Wraps an array nobody else holds; for decoders that just allocated it. */
    static Bytes adopt(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes);
    }

    /** {@return a fresh copy of the bytes; changing it does not change this value} */
    public byte[] toArray() {
        return bytes.clone();
    }

    /** {@return the number of bytes} */
    public int size() {
        return bytes.length;
    }

    /** The bytes without copying; callers in this package never change them. */
    byte[] unsafeArray() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Hex of at most the first 16 bytes, and the length. */
    @Override
    public String toString() {
        int shown = Math.min(16, bytes.length);
        return "Bytes[" + bytes.length + ": " + HexFormat.of().formatHex(bytes, 0, shown)
                + (shown < bytes.length ? "..." : "") + "]";
    }
}
