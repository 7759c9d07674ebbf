package dev.steadfast.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Turns a session's state or events into bytes and back; the library stores bytes only.
 *
 * <p>{@code decode(encode(v))} must equal {@code v}, and encoding must be deterministic (equal values give equal
 * bytes) so that {@link DurableSession#signature()} is stable. Implementations are thread-safe.
 *
 * @param <T> the value type
 */
public interface SessionCodec<T> {

    /**
     * Encodes a value for the store.
     *
     * @param value not null
     * @return bytes that {@link #decode} turns back into an equal value, in any later process
     */
    byte[] encode(T value);

    /**
     * The value of {@code bytes}.
     *
     * @param bytes what {@link #encode} returned, read back from the store
     * @return the value encoded
     * @throws IllegalArgumentException if the bytes are not an encoding of this codec
     */
    T decode(byte[] bytes);

    /** {@return a codec of eight big-endian bytes per {@code long}} */
    static SessionCodec<Long> longs() {
        return new SessionCodec<>() {
            @Override
            public byte[] encode(Long value) {
                return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
            }

            @Override
            public Long decode(byte[] bytes) {
                if (bytes.length != Long.BYTES) {
                    throw new IllegalArgumentException("a long is 8 bytes, got " + bytes.length);
                }
                return ByteBuffer.wrap(bytes).getLong();
            }
        };
    }

    /** {@return a codec of strings as UTF-8} */
    static SessionCodec<String> utf8() {
        return new SessionCodec<>() {
            @Override
            public byte[] encode(String value) {
                return value.getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public String decode(byte[] bytes) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
        };
    }
}
