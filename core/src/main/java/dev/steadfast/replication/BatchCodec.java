package dev.steadfast.replication;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a replicated journal entry: the term it was written in, then the batch's operations. Guards are not
 * carried: they held on the primary, and a replica applying the same operations in the same order is in the same
 * state. Version 1 of the format; a different first byte is refused.
 */
final class BatchCodec {
    private static final byte VERSION = 1;

    private BatchCodec() {
    }

    /** A decoded entry. */
    record Decoded(long term, List<WriteOp> operations) {
    }

    static byte[] encode(long term, WriteBatch batch) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + (int) Math.min(1 << 20, batch.payloadBytes()));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(term);
            out.writeInt(batch.operations().size());
            for (WriteOp op : batch.operations()) {
                write(out, op);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The term an encoded entry was written in, without decoding the rest. */
    static long termOf(byte[] entry) {
        if (entry.length < 9 || entry[0] != VERSION) {
            throw new IllegalArgumentException("replicated entry of " + entry.length
                    + " bytes does not start with format version " + VERSION);
        }
        long term = 0;
        for (int i = 1; i < 9; i++) {
            term = (term << 8) | (entry[i] & 0xff);
        }
        return term;
    }

    /** @throws IllegalArgumentException if the bytes are not an entry of this format */
    static Decoded decode(byte[] entry) {
        long term = termOf(entry);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry, 9, entry.length - 9))) {
            int count = in.readInt();
            if (count < 1 || count > entry.length) {
                throw new IllegalArgumentException("replicated entry claims " + count + " operations");
            }
            List<WriteOp> ops = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ops.add(read(in));
            }
            if (in.available() != 0) {
                throw new IllegalArgumentException("replicated entry has " + in.available() + " trailing bytes");
            }
            return new Decoded(term, ops);
        } catch (IOException e) {
            throw new IllegalArgumentException("replicated entry is truncated: " + e, e);
        }
    }

    private static void write(DataOutputStream out, WriteOp op) throws IOException {
        if (op instanceof WriteOp.Append a) {
            out.writeByte(1);
            out.writeUTF(a.stream().value());
            out.writeLong(a.expectedHead());
            out.writeInt(a.payloads().size());
            for (byte[] p : a.payloads()) {
                bytes(out, p);
            }
        } else if (op instanceof WriteOp.PutSnapshot s) {
            out.writeByte(2);
            out.writeUTF(s.snapshot().key());
            out.writeLong(s.snapshot().coveredSequence());
            bytes(out, s.snapshot().payload());
        } else if (op instanceof WriteOp.DeleteSnapshot d) {
            out.writeByte(3);
            out.writeUTF(d.key());
        } else if (op instanceof WriteOp.PutRecord r) {
            out.writeByte(4);
            out.writeUTF(r.namespace());
            bytes(out, r.key().bytes());
            bytes(out, r.value());
        } else if (op instanceof WriteOp.RemoveRecord r) {
            out.writeByte(5);
            out.writeUTF(r.namespace());
            bytes(out, r.key().bytes());
        } else if (op instanceof WriteOp.DropNamespace d) {
            out.writeByte(6);
            out.writeUTF(d.namespace());
        } else if (op instanceof WriteOp.TruncateJournal t) {
            out.writeByte(7);
            out.writeUTF(t.stream().value());
            out.writeLong(t.upToSequence());
        } else if (op instanceof WriteOp.SetFence f) {
            out.writeByte(8);
            Fence fence = f.fence();
            out.writeUTF(fence.name());
            out.writeUTF(fence.owner());
            out.writeLong(fence.epoch());
            out.writeUTF(fence.token());
            out.writeLong(fence.leaseUntilMillis());
            out.writeLong(f.expectedEpoch());
        } else {
            throw new IllegalArgumentException("cannot replicate operation " + op);
        }
    }

    private static WriteOp read(DataInputStream in) throws IOException {
        int tag = in.readByte();
        switch (tag) {
            case 1: {
                StreamId stream = StreamId.of(in.readUTF());
                long head = in.readLong();
                int n = in.readInt();
                if (n < 1 || n > in.available()) {
                    throw new IllegalArgumentException("replicated append claims " + n + " payloads");
                }
                List<byte[]> payloads = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    payloads.add(bytes(in));
                }
                return new WriteOp.Append(stream, head, payloads);
            }
            case 2:
                return new WriteOp.PutSnapshot(new Snapshot(in.readUTF(), in.readLong(), bytes(in)));
            case 3:
                return new WriteOp.DeleteSnapshot(in.readUTF());
            case 4:
                return new WriteOp.PutRecord(in.readUTF(), RecordKey.of(bytes(in)), bytes(in));
            case 5:
                return new WriteOp.RemoveRecord(in.readUTF(), RecordKey.of(bytes(in)));
            case 6:
                return new WriteOp.DropNamespace(in.readUTF());
            case 7:
                return new WriteOp.TruncateJournal(StreamId.of(in.readUTF()), in.readLong());
            case 8:
                Fence fence = new Fence(in.readUTF(), in.readUTF(), in.readLong(), in.readUTF(), in.readLong());
                return new WriteOp.SetFence(fence, in.readLong());
            default:
                throw new IllegalArgumentException("replicated entry holds unknown operation tag " + tag);
        }
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IllegalArgumentException("replicated entry claims a value of " + n + " bytes, "
                    + in.available() + " remain");
        }
        return in.readNBytes(n);
    }
}
