package dev.steadfast.examples.backend;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteOp;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the operations of a committed batch into bytes and back. Only operations are logged, never guards: a batch
 * reaches the log only after its guards held, so replaying its operations in log order rebuilds the same state.
 */
final class WalCodec {
    private WalCodec() {
    }

    static byte[] encode(List<WriteOp> ops) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(ops.size());
            for (WriteOp op : ops) {
                write(out, op);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not fail
        }
        return bytes.toByteArray();
    }

    private static void write(DataOutputStream out, WriteOp op) throws IOException {
        if (op instanceof WriteOp.Append a) {
            out.writeByte(1);
            out.writeUTF(a.stream().value());
            out.writeLong(a.expectedHead());
            out.writeInt(a.payloads().size());
            for (byte[] p : a.payloads()) {
                blob(out, p);
            }
        } else if (op instanceof WriteOp.PutSnapshot p) {
            out.writeByte(2);
            out.writeUTF(p.snapshot().key());
            out.writeLong(p.snapshot().coveredSequence());
            blob(out, p.snapshot().payload());
        } else if (op instanceof WriteOp.DeleteSnapshot d) {
            out.writeByte(3);
            out.writeUTF(d.key());
        } else if (op instanceof WriteOp.PutRecord r) {
            out.writeByte(4);
            out.writeUTF(r.namespace());
            blob(out, r.key().bytes());
            blob(out, r.value());
        } else if (op instanceof WriteOp.RemoveRecord r) {
            out.writeByte(5);
            out.writeUTF(r.namespace());
            blob(out, r.key().bytes());
        } else if (op instanceof WriteOp.DropNamespace d) {
            out.writeByte(6);
            out.writeUTF(d.namespace());
        } else if (op instanceof WriteOp.TruncateJournal t) {
            out.writeByte(7);
            out.writeUTF(t.stream().value());
            out.writeLong(t.upToSequence());
        } else if (op instanceof WriteOp.SetFence f) {
            Fence fence = f.fence();
            out.writeByte(8);
            out.writeUTF(fence.name());
            out.writeUTF(fence.owner());
            out.writeLong(fence.epoch());
            out.writeUTF(fence.token());
            out.writeLong(fence.leaseUntilMillis());
            out.writeLong(f.expectedEpoch());
        }
    }

    static List<WriteOp> decode(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<WriteOp> ops = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int tag = in.readByte();
            ops.add(switch (tag) {
                case 1 -> {
                    StreamId stream = StreamId.of(in.readUTF());
                    long head = in.readLong();
                    int n = in.readInt();
                    List<byte[]> payloads = new ArrayList<>(n);
                    for (int j = 0; j < n; j++) {
                        payloads.add(blob(in));
                    }
                    yield new WriteOp.Append(stream, head, payloads);
                }
                case 2 -> new WriteOp.PutSnapshot(new Snapshot(in.readUTF(), in.readLong(), blob(in)));
                case 3 -> new WriteOp.DeleteSnapshot(in.readUTF());
                case 4 -> new WriteOp.PutRecord(in.readUTF(), RecordKey.of(blob(in)), blob(in));
                case 5 -> new WriteOp.RemoveRecord(in.readUTF(), RecordKey.of(blob(in)));
                case 6 -> new WriteOp.DropNamespace(in.readUTF());
                case 7 -> new WriteOp.TruncateJournal(StreamId.of(in.readUTF()), in.readLong());
                case 8 -> new WriteOp.SetFence(
                        new Fence(in.readUTF(), in.readUTF(), in.readLong(), in.readUTF(), in.readLong()),
                        in.readLong());
                default -> throw new IOException("unknown operation tag " + tag);
            });
        }
        return ops;
    }

    private static void blob(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] blob(DataInputStream in) throws IOException {
        return in.readNBytes(in.readInt());
    }
}
