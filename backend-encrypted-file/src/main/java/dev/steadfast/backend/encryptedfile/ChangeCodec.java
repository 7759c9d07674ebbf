package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.CorruptStoreException;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.StreamId;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Encodes the changes of one record as the plaintext that gets sealed, and decodes them again. */
final class ChangeCodec {
    private static final byte APPENDED = 1;
    private static final byte HEAD_RAISED = 2;
    private static final byte SNAPSHOT_PUT = 3;
    private static final byte SNAPSHOT_DELETED = 4;
    private static final byte RECORD_PUT = 5;
    private static final byte RECORD_REMOVED = 6;
    private static final byte NAMESPACE_DROPPED = 7;
    private static final byte TRUNCATED = 8;
    private static final byte FENCE_SET = 9;

    private ChangeCodec() {
    }

    static byte[] encode(List<Change> changes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.writeInt(changes.size());
            for (Change change : changes) {
                write(out, change);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(DataOutputStream out, Change change) throws IOException {
        if (change instanceof Change.Appended a) {
            out.writeByte(APPENDED);
            text(out, a.stream().value());
            out.writeLong(a.firstSequence());
            out.writeInt(a.payloads().size());
            for (byte[] p : a.payloads()) {
                blob(out, p);
            }
        } else if (change instanceof Change.HeadRaised h) {
            out.writeByte(HEAD_RAISED);
            text(out, h.stream().value());
            out.writeLong(h.head());
        } else if (change instanceof Change.SnapshotPut s) {
            out.writeByte(SNAPSHOT_PUT);
            text(out, s.snapshot().key());
            out.writeLong(s.snapshot().coveredSequence());
            blob(out, s.snapshot().payload());
        } else if (change instanceof Change.SnapshotDeleted d) {
            out.writeByte(SNAPSHOT_DELETED);
            text(out, d.key());
        } else if (change instanceof Change.RecordPut r) {
            out.writeByte(RECORD_PUT);
            text(out, r.namespace());
            blob(out, r.key().bytes());
            blob(out, r.value());
        } else if (change instanceof Change.RecordRemoved r) {
            out.writeByte(RECORD_REMOVED);
            text(out, r.namespace());
            blob(out, r.key().bytes());
        } else if (change instanceof Change.NamespaceDropped d) {
            out.writeByte(NAMESPACE_DROPPED);
            text(out, d.namespace());
        } else if (change instanceof Change.Truncated t) {
            out.writeByte(TRUNCATED);
            text(out, t.stream().value());
            out.writeLong(t.upTo());
        } else if (change instanceof Change.FenceSet f) {
            out.writeByte(FENCE_SET);
            text(out, f.fence().name());
            text(out, f.fence().owner());
            out.writeLong(f.fence().epoch());
            text(out, f.fence().token());
            out.writeLong(f.fence().leaseUntilMillis());
        } else {
            throw new IllegalStateException("unknown change " + change);
        }
    }

    /**
     * Decodes an authenticated plaintext. A failure here means the writer and reader disagree on the format (or
     * the key was used for something else), never a torn write, so it is reported as corruption.
     */
    static List<Change> decode(byte[] plaintext, String where) {
        try {
            ByteBuffer in = ByteBuffer.wrap(plaintext);
            int count = in.getInt();
            List<Change> changes = new ArrayList<>(Math.min(count, 1024));
            for (int i = 0; i < count; i++) {
                changes.add(read(in));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " trailing bytes");
            }
            return changes;
        } catch (BufferUnderflowException | IllegalArgumentException | NullPointerException e) {
            throw new CorruptStoreException("record " + where + " authenticated but does not decode: " + e, e);
        }
    }

    private static Change read(ByteBuffer in) {
        byte tag = in.get();
        switch (tag) {
            case APPENDED: {
                StreamId stream = StreamId.of(text(in));
                long first = in.getLong();
                int n = in.getInt();
                List<byte[]> payloads = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    payloads.add(blob(in));
                }
                return new Change.Appended(stream, first, payloads);
            }
            case HEAD_RAISED:
                return new Change.HeadRaised(StreamId.of(text(in)), in.getLong());
            case SNAPSHOT_PUT:
                return new Change.SnapshotPut(new Snapshot(text(in), in.getLong(), blob(in)));
            case SNAPSHOT_DELETED:
                return new Change.SnapshotDeleted(text(in));
            case RECORD_PUT:
                return new Change.RecordPut(text(in), RecordKey.of(blob(in)), blob(in));
            case RECORD_REMOVED:
                return new Change.RecordRemoved(text(in), RecordKey.of(blob(in)));
            case NAMESPACE_DROPPED:
                return new Change.NamespaceDropped(text(in));
            case TRUNCATED:
                return new Change.Truncated(StreamId.of(text(in)), in.getLong());
            case FENCE_SET:
                return new Change.FenceSet(new Fence(text(in), text(in), in.getLong(), text(in), in.getLong()));
            default:
                throw new IllegalArgumentException("unknown change tag " + tag);
        }
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        blob(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void blob(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static String text(ByteBuffer in) {
        return new String(blob(in), StandardCharsets.UTF_8);
    }

    private static byte[] blob(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("length " + n + " exceeds the " + in.remaining() + " bytes left");
        }
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }
}
