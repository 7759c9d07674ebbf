package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.CorruptStoreException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Predicate;

/**
 * Reads one segment file frame by frame for open and repair. Every size in the file is untrusted until its CRC
 * holds, so nothing is allocated beyond what the file really holds, and a segment larger than the format ever
 * writes is refused before anything is read.
 */
final class FrameScanner implements AutoCloseable {
    private static final int CHUNK = 1 << 20;
    /** Bytes a candidate frame start needs for the cheap checks: length, CRC, sequence, type. */
    private static final int PROBE = 4 + 4 + 8 + 1;

    final Path path;
    final String name;
    final long size;
    private final FileChannel channel;

    FrameScanner(Path path) throws IOException {
        this.path = path;
        this.name = path.getFileName().toString();
        this.channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        this.size = channel.size();
        if (size > Format.MAX_SEGMENT_BYTES) {
            channel.close();
            throw new CorruptStoreException("segment " + name + " is " + size + " bytes; from offset "
                    + Format.MAX_SEGMENT_BYTES + " on it is beyond the largest segment the format writes: damaged,"
                    + " or not a segment");
        }
    }

    /** The segment header, parsed; a damaged one is reported naming the file. */
    SegmentHeader header() throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size, Format.SEGMENT_HEADER_BYTES));
        Durable.readFully(channel, buf, 0);
        try {
            return SegmentHeader.parse(buf.array());
        } catch (IllegalArgumentException e) {
            throw new CorruptStoreException("segment " + name + " has a damaged header at offset 0: "
                    + e.getMessage());
        }
    }

    /**
     * The frame at {@code offset}: a {@link Framing.Frame} whose {@code nextOffset} is a file offset, or a
     * {@link Framing.Damage} saying why there is none.
     */
    Object frameAt(long offset) throws IOException {
        long left = size - offset;
        if (left < Format.FRAME_PREFIX_BYTES) {
            return new Framing.Damage("incomplete frame prefix (" + left + " bytes left)");
        }
        ByteBuffer prefix = ByteBuffer.allocate(Format.FRAME_PREFIX_BYTES);
        Durable.readFully(channel, prefix, offset);
        int bodyLength = prefix.getInt(0);
        if (bodyLength < Format.RECORD_HEADER_BYTES || bodyLength > Format.MAX_BODY_BYTES) {
            return new Framing.Damage("invalid frame length " + bodyLength);
        }
        if (bodyLength > left - Format.FRAME_PREFIX_BYTES) {
            return new Framing.Damage("frame length " + bodyLength + " runs past the end of the file ("
                    + (left - Format.FRAME_PREFIX_BYTES) + " bytes left)");
        }
        ByteBuffer frame = ByteBuffer.allocate(Format.FRAME_PREFIX_BYTES + bodyLength);
        Durable.readFully(channel, frame, offset);
        Object decoded = Framing.decode(frame.array(), 0, frame.capacity());
        if (decoded instanceof Framing.Frame f) {
            return new Framing.Frame(f.sequence(), f.type(), f.previousChain(), f.source(), f.ciphertextOffset(),
                    f.ciphertextLength(), offset + frame.capacity());
        }
        return decoded;
    }

    /**
     * The offset of the first frame after {@code from} that is whole, passes its CRC and {@code authentic}, or -1
     * when there is none: what decides whether damage at {@code from} is a torn final write. Frames carry no sync
     * marker, so every offset is a candidate; cheap checks on length, type and sequence (a frame of this segment
     * has a sequence at or above its first and at most one per {@link Format#MIN_FRAME_BYTES} beyond it) rule
     * out almost all of them before the CRC and the authentication are tried.
     */
    long nextAuthentic(long from, long firstSequence, Predicate<Framing.Frame> authentic) throws IOException {
        byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(0, size - from))];
        ByteBuffer view = ByteBuffer.wrap(chunk);
        long maxSpan = size / Format.MIN_FRAME_BYTES + 1;
        long base = from;
        while (size - base >= Format.MIN_FRAME_BYTES) {
            int n = (int) Math.min(chunk.length, size - base);
            Durable.readFully(channel, ByteBuffer.wrap(chunk, 0, n), base);
            for (int p = 0; p + PROBE <= n; p++) {
                long at = base + p;
                int length = view.getInt(p);
                if (length <= Format.RECORD_HEADER_BYTES || length > size - at - Format.FRAME_PREFIX_BYTES) {
                    continue;
                }
                byte type = chunk[p + 16];
                long sequence = view.getLong(p + 8);
                if (type < Format.TYPE_BATCH || type > Format.TYPE_CHECKPOINT || sequence < firstSequence
                        || sequence - firstSequence > maxSpan) {
                    continue;
                }
                if (frameAt(at) instanceof Framing.Frame f && authentic.test(f)) {
                    return at;
                }
            }
            if (base + n >= size) {
                return -1;
            }
            base += n - PROBE + 1;
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
