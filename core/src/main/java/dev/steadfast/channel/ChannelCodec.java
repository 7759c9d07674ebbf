package dev.steadfast.channel;

import dev.steadfast.spi.CorruptStoreException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The bytes of a channel's records. Each value starts with a format byte so a later layout can be told apart; a
 * value that does not decode is reported as corrupt, naming the channel and the record, never skipped.
 */
final class ChannelCodec {
    private static final int FORMAT = 1;

    private ChannelCodec() {
    }

    static byte[] meta(long lamport, long steps) {
        return write(out -> {
            out.writeLong(lamport);
            out.writeLong(steps);
        });
    }

    static byte[] message(Message m) {
        return write(out -> writeMessage(out, m));
    }

    static byte[] unacknowledged(Unacknowledged u) {
        return write(out -> {
            writeMessage(out, u.message());
            out.writeLong(u.sentAtMillis());
            out.writeInt(u.resendAttempts());
        });
    }

    static byte[] waiting(Waiting w) {
        return write(out -> {
            writeMessage(out, w.message());
            writeStrings(out, List.copyOf(w.missing()));
        });
    }

    static byte[] hint(Bytes hint) {
        return write(out -> writeBytes(out, hint));
    }

    static byte[] repair(Bytes bytes, long deadlineMillis) {
        return write(out -> {
            writeBytes(out, bytes);
            out.writeLong(deadlineMillis);
        });
    }

    /** Reads values back; {@code where} names the record in errors. */
    static final class Reader {
        private final DataInputStream in;
        private final String where;

        Reader(byte[] value, String where) {
            this.in = new DataInputStream(new ByteArrayInputStream(value));
            this.where = where;
            int format = readByte();
            if (format != FORMAT) {
                throw new CorruptStoreException(where + " has format " + format + ", expected " + FORMAT);
            }
        }

        long readLong() {
            return read(DataInputStream::readLong);
        }

        int readInt() {
            return read(DataInputStream::readInt);
        }

        Bytes readBytes() {
            int length = readInt();
            if (length < 0) {
                throw new CorruptStoreException(where + " holds a negative length " + length);
            }
            byte[] b = new byte[length];
            read(i -> {
                i.readFully(b);
                return null;
            });
            return Bytes.adopt(b);
        }

        Set<String> readStringSet() {
            return new HashSet<>(readStrings());
        }

        Message readMessage() {
            String id = read(d -> d.readUTF());
            String sender = read(d -> d.readUTF());
            long lamport = readLong();
            List<String> history = readStrings();
            Bytes content = readBytes();
            try {
                return new Message(id, sender, lamport, history, content);
            } catch (IllegalArgumentException e) {
                throw new CorruptStoreException(where + " holds an invalid message: " + e.getMessage(), e);
            }
        }

        /** Fails unless every byte was read: trailing bytes mean the value is not what we think. */
        void end() {
            int left = read(DataInputStream::available);
            if (left != 0) {
                throw new CorruptStoreException(where + " has " + left + " unexpected trailing bytes");
            }
        }

        private List<String> readStrings() {
            int count = readInt();
            if (count < 0) {
                throw new CorruptStoreException(where + " holds a negative count " + count);
            }
            List<String> strings = new ArrayList<>(Math.min(count, 1024));
            for (int i = 0; i < count; i++) {
                strings.add(read(d -> d.readUTF()));
            }
            return strings;
        }

        private int readByte() {
            return read(DataInputStream::read);
        }

        private <T> T read(IoFunction<T> f) {
            try {
                return f.apply(in);
            } catch (IOException e) {
                throw new CorruptStoreException(where + " is truncated or malformed: " + e, e);
            }
        }
    }

    private interface IoFunction<T> {
        T apply(DataInputStream in) throws IOException;
    }

    private interface IoWriter {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(IoWriter writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void writeMessage(DataOutputStream out, Message m) throws IOException {
        out.writeUTF(m.id());
        out.writeUTF(m.senderId());
        out.writeLong(m.lamport());
        writeStrings(out, m.causalHistory());
        writeBytes(out, m.content());
    }

    private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            out.writeUTF(s);
        }
    }

    private static void writeBytes(DataOutputStream out, Bytes bytes) throws IOException {
        out.writeInt(bytes.size());
        out.write(bytes.unsafeArray());
    }
}
