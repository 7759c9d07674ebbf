package dev.steadfast.tck;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.Guard;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Write batches to bytes and back, for the log of {@link LogFileStore}. */
final class BatchCodec {
    private BatchCodec() {
    }

    static byte[] encode(WriteBatch batch) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(batch.guards().size());
            for (Guard g : batch.guards()) {
                if (g instanceof Guard.FenceAt f) {
                    out.writeByte(0);
                    out.writeUTF(f.name());
                    out.writeLong(f.epoch());
                } else if (g instanceof Guard.JournalAt j) {
                    out.writeByte(1);
                    out.writeUTF(j.stream().toString());
                    out.writeLong(j.head());
                }
            }
            out.writeInt(batch.operations().size());
            for (WriteOp op : batch.operations()) {
                encode(op, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void encode(WriteOp op, DataOutputStream out) throws IOException {
        if (op instanceof WriteOp.Append a) {
            out.writeByte(0);
            out.writeUTF(a.stream().toString());
            out.writeLong(a.expectedHead());
            out.writeInt(a.payloads().size());
            for (byte[] p : a.payloads()) {
                bytes(out, p);
            }
        } else if (op instanceof WriteOp.PutSnapshot p) {
            out.writeByte(1);
            out.writeUTF(p.snapshot().key());
            out.writeLong(p.snapshot().coveredSequence());
            bytes(out, p.snapshot().payload());
        } else if (op instanceof WriteOp.DeleteSnapshot d) {
            out.writeByte(2);
            out.writeUTF(d.key());
        } else if (op instanceof WriteOp.PutRecord r) {
            out.writeByte(3);
            out.writeUTF(r.namespace());
            bytes(out, r.key().bytes());
            bytes(out, r.value());
        } else if (op instanceof WriteOp.RemoveRecord r) {
            out.writeByte(4);
            out.writeUTF(r.namespace());
            bytes(out, r.key().bytes());
        } else if (op instanceof WriteOp.DropNamespace d) {
            out.writeByte(5);
            out.writeUTF(d.namespace());
        } else if (op instanceof WriteOp.TruncateJournal t) {
            out.writeByte(6);
            out.writeUTF(t.stream().toString());
            out.writeLong(t.upToSequence());
        } else if (op instanceof WriteOp.SetFence s) {
            Fence f = s.fence();
            out.writeByte(7);
            out.writeUTF(f.name());
            out.writeUTF(f.owner());
            out.writeLong(f.epoch());
            out.writeUTF(f.token());
            out.writeLong(f.leaseUntilMillis());
            out.writeLong(s.expectedEpoch());
        }
    }

    static WriteBatch decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(encoded))) {
            List<Guard> guards = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                guards.add(in.readByte() == 0 ? new Guard.FenceAt(in.readUTF(), in.readLong())
                        : new Guard.JournalAt(StreamId.of(in.readUTF()), in.readLong()));
            }
            List<WriteOp> ops = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                ops.add(decodeOp(in));
            }
            return new WriteBatch(guards, ops);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WriteOp decodeOp(DataInputStream in) throws IOException {
        int kind = in.readByte();
        return switch (kind) {
            case 0 -> {
                StreamId stream = StreamId.of(in.readUTF());
                long head = in.readLong();
                List<byte[]> payloads = new ArrayList<>();
                for (int n = in.readInt(); n > 0; n--) {
                    payloads.add(bytes(in));
                }
                yield new WriteOp.Append(stream, head, payloads);
            }
            case 1 -> WriteBatch.builder().putSnapshot(in.readUTF(), in.readLong(), bytes(in)).build()
                    .operations().get(0);
            case 2 -> new WriteOp.DeleteSnapshot(in.readUTF());
            case 3 -> new WriteOp.PutRecord(in.readUTF(), RecordKey.of(bytes(in)), bytes(in));
            case 4 -> new WriteOp.RemoveRecord(in.readUTF(), RecordKey.of(bytes(in)));
            case 5 -> new WriteOp.DropNamespace(in.readUTF());
            case 6 -> new WriteOp.TruncateJournal(StreamId.of(in.readUTF()), in.readLong());
            case 7 -> new WriteOp.SetFence(new Fence(in.readUTF(), in.readUTF(), in.readLong(), in.readUTF(),
                    in.readLong()), in.readLong());
            default -> throw new IOException("unknown operation kind " + kind);
        };
    }

    private static void bytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        return in.readNBytes(in.readInt());
    }
}
