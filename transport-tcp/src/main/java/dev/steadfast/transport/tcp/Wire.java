package dev.steadfast.transport.tcp;

import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.Message;
import dev.steadfast.spi.transport.RoleCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The wire format: every frame is a 4-byte big-endian length, then that many bytes: a version byte
 * ({@value #VERSION}), a type byte and the body. A length below 2 or above the maximum (for a hello, the most a
 * hello can hold), an unknown version or type,
 * a body that does not decode exactly, or a stream that ends inside a frame is a {@link MalformedFrameException}.
 */
final class Wire {
    static final byte VERSION = 1;
    private static final byte HELLO = 1;
    private static final byte HELLO_REFUSED = 2;
    private static final byte FRAME = 10;
    private static final byte ACK = 11;
    private static final byte REFUSAL = 12;
    private static final byte FREEZE = 20;
    private static final byte RESUME = 21;
    private static final byte STATUS = 22;
    private static final byte CATCH_UP = 23;
    private static final byte PROMOTE = 24;
    private static final byte DEMOTE = 25;

    /**
     * The longest hello any node can send: version and type, protocol version, two strings of at most 65535 bytes
     * each with their lengths, term. A hello comes before the peer is known, so its claimed length is held to this
     * rather than to the frame limit: otherwise four bytes from anyone make a node allocate and wait for a buffer
     * of the full frame size, per connection.
     */
    static final int MAX_HELLO_BYTES = 2 + 4 + 2 * (2 + 65_535) + 8;

    private final int maxFrameBytes;

    Wire(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /** What a hello frame decodes to: a handshake, or the peer's refusal of ours. */
    sealed interface Hello {
    }

    record Greeting(Handshake handshake) implements Hello {
    }

    record Refused(String reason) implements Hello {
    }

    void writeHello(OutputStream out, Handshake h) throws IOException {
        write(out, HELLO, body -> {
            body.writeInt(h.protocolVersion());
            body.writeUTF(h.clusterId());
            body.writeUTF(h.nodeId());
            body.writeLong(h.term());
        });
    }

    void writeRefused(OutputStream out, String reason) throws IOException {
        write(out, HELLO_REFUSED, body -> body.writeUTF(reason.length() > 4000 ? reason.substring(0, 4000) : reason));
    }

    Hello readHello(InputStream in) throws IOException {
        return read(in, Math.min(maxFrameBytes, MAX_HELLO_BYTES), "hello frame", (type, body) -> switch (type) {
            case HELLO -> new Greeting(new Handshake(body.readInt(), body.readUTF(), body.readUTF(), body.readLong()));
            case HELLO_REFUSED -> new Refused(body.readUTF());
            default -> throw new MalformedFrameException("expected a hello frame, got type " + type);
        });
    }

    void writeMessage(OutputStream out, Message m) throws IOException {
        if (m instanceof Message.Frame f) {
            write(out, FRAME, b -> {
                b.writeLong(f.term());
                b.writeLong(f.lsn());
                b.writeInt(f.batch().length);
                b.write(f.batch());
            });
        } else if (m instanceof Message.Ack a) {
            write(out, ACK, b -> {
                b.writeLong(a.term());
                b.writeLong(a.durableLsn());
            });
        } else if (m instanceof Message.Refusal r) {
            write(out, REFUSAL, b -> {
                b.writeLong(r.term());
                b.writeByte(r.reason().ordinal());
                b.writeUTF(r.detail().length() > 4000 ? r.detail().substring(0, 4000) : r.detail());
            });
        } else if (m instanceof RoleCommand.Freeze c) {
            write(out, FREEZE, b -> b.writeLong(c.term()));
        } else if (m instanceof RoleCommand.Resume c) {
            write(out, RESUME, b -> b.writeLong(c.term()));
        } else if (m instanceof RoleCommand.Status) {
            write(out, STATUS, b -> { });
        } else if (m instanceof RoleCommand.CatchUp c) {
            write(out, CATCH_UP, b -> b.writeUTF(c.replicaId()));
        } else if (m instanceof RoleCommand.Promote c) {
            write(out, PROMOTE, b -> b.writeLong(c.newTerm()));
        } else if (m instanceof RoleCommand.Demote c) {
            write(out, DEMOTE, b -> {
                b.writeLong(c.newTerm());
                b.writeUTF(c.primaryId());
                b.writeLong(c.termStartLsn());
            });
        } else {
            throw new IllegalArgumentException("no wire encoding for " + m);
        }
    }

    Message readMessage(InputStream in) throws IOException {
        return read(in, maxFrameBytes, "frame", (type, b) -> switch (type) {
            case FRAME -> {
                long term = b.readLong();
                long lsn = b.readLong();
                int n = b.readInt();
                if (n < 0 || n > b.available()) {
                    throw new MalformedFrameException("frame claims a batch of " + n + " bytes, " + b.available()
                            + " remain");
                }
                yield new Message.Frame(term, lsn, b.readNBytes(n));
            }
            case ACK -> new Message.Ack(b.readLong(), b.readLong());
            case REFUSAL -> {
                long term = b.readLong();
                int reason = b.readUnsignedByte();
                Message.Reason[] reasons = Message.Reason.values();
                if (reason >= reasons.length) {
                    throw new MalformedFrameException("unknown refusal reason " + reason);
                }
                yield new Message.Refusal(term, reasons[reason], b.readUTF());
            }
            case FREEZE -> new RoleCommand.Freeze(b.readLong());
            case RESUME -> new RoleCommand.Resume(b.readLong());
            case STATUS -> new RoleCommand.Status();
            case CATCH_UP -> new RoleCommand.CatchUp(b.readUTF());
            case PROMOTE -> new RoleCommand.Promote(b.readLong());
            case DEMOTE -> new RoleCommand.Demote(b.readLong(), b.readUTF(), b.readLong());
            default -> throw new MalformedFrameException("unknown message type " + type);
        });
    }

    private interface Body {
        void write(DataOutputStream body) throws IOException;
    }

    private interface Decoder<T> {
        T decode(byte type, DataInputStream body) throws IOException;
    }

    private void write(OutputStream out, byte type, Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(bytes);
        data.writeInt(0);
        data.writeByte(VERSION);
        data.writeByte(type);
        body.write(data);
        data.flush();
        byte[] frame = bytes.toByteArray();
        int length = frame.length - 4;
        if (length > maxFrameBytes) {
            throw new IllegalArgumentException("frame of " + length + " bytes exceeds the maximum of "
                    + maxFrameBytes);
        }
        frame[0] = (byte) (length >>> 24);
        frame[1] = (byte) (length >>> 16);
        frame[2] = (byte) (length >>> 8);
        frame[3] = (byte) length;
        out.write(frame);
        out.flush();
    }

    private <T> T read(InputStream in, int maxBytes, String what, Decoder<T> decoder) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int length = data.readInt(); // EOFException here: the peer closed between frames
        if (length < 2 || length > maxBytes) {
            throw new MalformedFrameException(what + " length " + length + " is outside 2.." + maxBytes);
        }
        byte[] frame = new byte[length];
        try {
            data.readFully(frame);
        } catch (EOFException e) {
            throw new MalformedFrameException("stream ended inside a frame of " + length + " bytes", e);
        }
        if (frame[0] != VERSION) {
            throw new MalformedFrameException("frame version " + frame[0] + ", this node speaks " + VERSION);
        }
        DataInputStream body = new DataInputStream(new ByteArrayInputStream(frame, 2, length - 2));
        T value;
        try {
            value = decoder.decode(frame[1], body);
        } catch (EOFException e) {
            throw new MalformedFrameException("frame of type " + frame[1] + " is shorter than its fields", e);
        } catch (IllegalArgumentException e) {
            throw new MalformedFrameException("frame of type " + frame[1] + " holds invalid values: "
                    + e.getMessage(), e);
        }
        if (body.available() != 0) {
            throw new MalformedFrameException("frame of type " + frame[1] + " has " + body.available()
                    + " trailing bytes");
        }
        return value;
    }
}
