package dev.steadfast.session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** The journal format: one tag byte, then the entry's fields; an event's body is the event codec's bytes. */
final class EntryCodec {
    private static final byte EVENT = 1;
    private static final byte OPENED = 2;
    private static final byte CRASHED = 3;
    private static final byte RESTARTED = 4;
    private static final byte RECONNECTED = 5;

    private EntryCodec() {
    }

    static byte[] event(byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = EVENT;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    static byte[] encodeMarker(SessionEntry<?> marker) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (marker instanceof SessionEntry.Opened<?> o) {
                out.writeByte(OPENED);
                out.writeUTF(o.owner());
                out.writeLong(o.epoch());
                out.writeUTF(o.route());
                out.writeLong(o.nowMs());
            } else if (marker instanceof SessionEntry.Crashed<?> c) {
                out.writeByte(CRASHED);
                out.writeUTF(c.reason());
            } else if (marker instanceof SessionEntry.Restarted<?> r) {
                out.writeByte(RESTARTED);
                out.writeLong(r.nowMs());
            } else if (marker instanceof SessionEntry.Reconnected<?> r) {
                out.writeByte(RECONNECTED);
                out.writeByte(r.policy().ordinal());
                out.writeUTF(r.route());
                out.writeLong(r.nowMs());
            } else {
                throw new IllegalArgumentException("not a marker: " + marker);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static <E> SessionEntry<E> decode(long sequence, byte[] payload, SessionCodec<E> events) {
        if (payload.length == 0) {
            throw new IllegalArgumentException("session journal entry " + sequence + " is empty");
        }
        if (payload[0] == EVENT) {
            return new SessionEntry.Event<>(sequence, events.decode(Arrays.copyOfRange(payload, 1, payload.length)));
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload, 1, payload.length - 1))) {
            return switch (payload[0]) {
                case OPENED -> new SessionEntry.Opened<>(sequence, in.readUTF(), in.readLong(), in.readUTF(),
                        in.readLong());
                case CRASHED -> new SessionEntry.Crashed<>(sequence, in.readUTF());
                case RESTARTED -> new SessionEntry.Restarted<>(sequence, in.readLong());
                case RECONNECTED -> new SessionEntry.Reconnected<>(sequence,
                        ReconnectPolicy.values()[in.readByte()], in.readUTF(), in.readLong());
                default -> throw new IllegalArgumentException(
                        "session journal entry " + sequence + " has unknown tag " + payload[0]);
            };
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("session journal entry " + sequence + " is malformed", e);
        }
    }
}
