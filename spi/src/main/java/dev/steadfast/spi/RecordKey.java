package dev.steadfast.spi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The key of a record within its namespace: 1 to {@value #MAX_BYTES} bytes, compared as unsigned bytes.
 *
 * <p>Byte keys let callers encode sortable values (a big-endian deadline, a sequence) and scan them in order.
 * Instances are immutable: the bytes are copied in and out.
 */
public final class RecordKey implements Comparable<RecordKey> {
    /** The longest key allowed, in bytes. */
    public static final int MAX_BYTES = 1024;

    private final byte[] bytes;

    private RecordKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * A key holding a copy of {@code bytes}.
     *
     * @param bytes the key's bytes; later changes to the array do not affect the key
     * @return the key
     * @throws NullPointerException     if {@code bytes} is null
     * @throws IllegalArgumentException if it is empty or longer than {@value #MAX_BYTES} bytes
     */
    public static RecordKey of(byte[] bytes) {
        if (bytes == null) {
            throw new NullPointerException("record key must not be null");
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException("record key must not be empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "record key is " + bytes.length + " bytes long, the limit is " + MAX_BYTES);
        }
        return new RecordKey(bytes.clone());
    }

    /**
     * A key holding the UTF-8 encoding of {@code text}; text keys scan in code point order.
     *
     * @param text the key as text
     * @return the key
     * @throws NullPointerException     if {@code text} is null
     * @throws IllegalArgumentException if it is empty or encodes to more than {@value #MAX_BYTES} bytes
     */
    public static RecordKey of(String text) {
        if (text == null) {
            throw new NullPointerException("record key must not be null");
        }
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A key holding the 8 big-endian bytes of {@code value}, so that non-negative longs scan in numeric order
     * (negative ones sort after them).
     *
     * @param value the number
     * @return an 8-byte key
     */
    public static RecordKey ofLong(long value) {
        byte[] b = new byte[Long.BYTES];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) value;
            value >>>= 8;
        }
        return new RecordKey(b);
    }

    /**
     * The key's bytes.
     *
     * @return a fresh copy, which the caller may change
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The key's size.
     *
     * @return the number of bytes, 1 to {@value #MAX_BYTES}
     */
    public int length() {
        return bytes.length;
    }

    /**
     * The key as text, for keys made with {@link #of(String)}.
     *
     * @return the bytes decoded as UTF-8, malformed input replaced by U+FFFD
     */
    public String utf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Whether this key starts with the bytes of another; a key starts with itself.
     *
     * @param prefix the leading bytes to look for
     * @return true when the first {@code prefix.length()} bytes of this key equal {@code prefix}'s
     */
    public boolean startsWith(RecordKey prefix) {
        return bytes.length >= prefix.bytes.length
                && Arrays.equals(bytes, 0, prefix.bytes.length, prefix.bytes, 0, prefix.bytes.length);
    }

    /** Unsigned lexicographic order of the bytes: the order of {@link Store#scanRecords}. */
    @Override
    public int compareTo(RecordKey other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordKey k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The key as UTF-8 text when it is printable ASCII, otherwise as {@code 0x}-prefixed hex. */
    @Override
    public String toString() {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                return "0x" + HexFormat.of().formatHex(bytes);
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
