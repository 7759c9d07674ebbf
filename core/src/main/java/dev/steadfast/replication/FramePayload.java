package dev.steadfast.replication;

import dev.steadfast.spi.Entry;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes a replication frame carries: the LSN the sender's term started at (so a replica can find what
 * diverged), then one or more consecutive journal entries from the frame's LSN on. Several entries per frame let a
 * replica that is behind catch up with one request and one durable commit per frame, not per entry.
 *
 * @param termStart the first LSN of the sender's term
 * @param entries   the entries' {@link BatchCodec} bytes, in LSN order
 */
record FramePayload(long termStart, List<byte[]> entries) {
    /** The most entry bytes packed into one frame; a single larger entry still travels, alone. */
    static final int MAX_BYTES = 1 << 20;

    /**
     * The longest prefix of {@code entries} (at least one) whose bytes fit in {@link #MAX_BYTES}, as a payload.
     */
    static FramePayload of(long termStart, List<Entry> entries) {
        List<byte[]> packed = new ArrayList<>();
        long bytes = 0;
        for (Entry e : entries) {
            bytes += e.payload().length + 4L;
            if (!packed.isEmpty() && bytes > MAX_BYTES) {
                break;
            }
            packed.add(e.payload());
        }
        return new FramePayload(termStart, packed);
    }

    byte[] encode() {
        int size = 12 + entries.stream().mapToInt(e -> 4 + e.length).sum();
        ByteBuffer out = ByteBuffer.allocate(size).putLong(termStart).putInt(entries.size());
        entries.forEach(e -> out.putInt(e.length).put(e));
        return out.array();
    }

    /** @throws IllegalArgumentException if the bytes are not exactly a payload of at least one entry */
    static FramePayload decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            long termStart = in.getLong();
            int count = in.getInt();
            if (count < 1 || count > in.remaining() / 4) {
                throw new IllegalArgumentException("frame claims " + count + " entries in " + bytes.length
                        + " bytes");
            }
            List<byte[]> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int length = in.getInt();
                if (length < 0 || length > in.remaining()) {
                    throw new IllegalArgumentException("entry " + (i + 1) + " of the frame claims " + length
                            + " bytes, " + in.remaining() + " remain");
                }
                byte[] entry = new byte[length];
                in.get(entry);
                entries.add(entry);
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes follow the frame's last entry");
            }
            return new FramePayload(termStart, List.copyOf(entries));
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("frame of " + bytes.length + " bytes ends inside its header");
        }
    }
}
