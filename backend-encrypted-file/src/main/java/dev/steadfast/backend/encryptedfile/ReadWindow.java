package dev.steadfast.backend.encryptedfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A reader's cached slice of one segment file, so that streaming a journal reads the disk in large sequential
 * chunks rather than two small reads per record. Segments are append-only and retired segments' ids are never
 * reused, so cached bytes stay valid; a window loaded while a frame was still being written is caught by the
 * frame's CRC and reloaded by the caller.
 */
final class ReadWindow {
    static final int SIZE = 256 << 10;

    private long segmentId = -1;
    private long start;
    private byte[] bytes = new byte[0];
    private int length;

    boolean covers(long segment, long offset, int count) {
        return segment == segmentId && offset >= start && offset + count <= start + length;
    }

    /** Loads at least {@code count} bytes (if the file has them) of {@code segment} from {@code offset}. */
    void load(FileChannel channel, long segment, long offset, int count) throws IOException {
        int size = Math.max(SIZE, count);
        if (bytes.length < size) {
            bytes = new byte[size];
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, 0, size);
        long pos = offset;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                break;
            }
            pos += n;
        }
        segmentId = segment;
        start = offset;
        length = buf.position();
    }

    void invalidate() {
        segmentId = -1;
    }

    byte[] bytes() {
        return bytes;
    }

    int relative(long offset) {
        return (int) (offset - start);
    }

    int end() {
        return length;
    }
}
