package dev.steadfast.backend.encryptedfile;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Frames a sealed record on disk as {@code length | CRC32C | sequence | type | previous chain | ciphertext}.
 *
 * <p>The CRC lets open tell a torn write (an incomplete or unchecksummable tail) from tampering: a frame whose CRC
 * holds but whose ciphertext fails authentication was written whole and changed afterwards. The sequence, type
 * and previous chain hash travel in clear because a reader needs them to rebuild the associated data; the AEAD
 * tag authenticates them.
 */
final class Framing {
    private Framing() {
    }

    /** A frame read back whole with a valid CRC; {@code ciphertext} is a slice of the source array. */
    record Frame(long sequence, byte type, byte[] previousChain, byte[] source, int ciphertextOffset,
                 int ciphertextLength, long nextOffset) {
        byte[] ciphertext() {
            byte[] copy = new byte[ciphertextLength];
            System.arraycopy(source, ciphertextOffset, copy, 0, ciphertextLength);
            return copy;
        }
    }

    /** Why a frame could not be read; never thrown at a caller as is. */
    record Damage(String reason) {
    }

    static byte[] encode(long sequence, byte type, byte[] previousChain, byte[] ciphertext) {
        int bodyLength = Format.RECORD_HEADER_BYTES + ciphertext.length;
        ByteBuffer buf = ByteBuffer.allocate(Format.FRAME_PREFIX_BYTES + bodyLength);
        buf.putInt(bodyLength).putInt(0).putLong(sequence).put(type).put(previousChain).put(ciphertext);
        byte[] frame = buf.array();
        ByteBuffer.wrap(frame, 4, 4).putInt(crc(frame, 0, frame.length));
        return frame;
    }

    /**
     * Reads the frame starting at {@code offset} of {@code bytes} (which hold the file up to {@code end}).
     *
     * @return a {@link Frame}, or a {@link Damage} saying why none could be read
     */
    static Object decode(byte[] bytes, int offset, int end) {
        if (end - offset < Format.FRAME_PREFIX_BYTES) {
            return new Damage("incomplete frame prefix (" + (end - offset) + " bytes left)");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, offset, end - offset);
        int bodyLength = buf.getInt();
        int storedCrc = buf.getInt();
        if (bodyLength < Format.RECORD_HEADER_BYTES || bodyLength > Format.MAX_BODY_BYTES) {
            return new Damage("invalid frame length " + bodyLength);
        }
        if ((long) end - offset - Format.FRAME_PREFIX_BYTES < bodyLength) {
            return new Damage("incomplete frame: " + bodyLength + " bytes announced, "
                    + (end - offset - Format.FRAME_PREFIX_BYTES) + " present");
        }
        int total = Format.FRAME_PREFIX_BYTES + bodyLength;
        if (crc(bytes, offset, total) != storedCrc) {
            return new Damage("CRC32C mismatch");
        }
        long sequence = buf.getLong();
        byte type = buf.get();
        byte[] chain = new byte[Format.CHAIN_BYTES];
        buf.get(chain);
        int ctOffset = offset + Format.FRAME_PREFIX_BYTES + Format.RECORD_HEADER_BYTES;
        return new Frame(sequence, type, chain, bytes, ctOffset, bodyLength - Format.RECORD_HEADER_BYTES,
                (long) offset + total);
    }

    /** CRC32C over the frame without its CRC field. */
    private static int crc(byte[] frame, int offset, int total) {
        CRC32C crc = new CRC32C();
        crc.update(frame, offset, 4);
        crc.update(frame, offset + Format.FRAME_PREFIX_BYTES, total - Format.FRAME_PREFIX_BYTES);
        return (int) crc.getValue();
    }
}
