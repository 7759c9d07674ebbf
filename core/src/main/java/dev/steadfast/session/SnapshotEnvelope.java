package dev.steadfast.session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What a session snapshot holds besides the state: who wrote it at which epoch and when, the lifecycle and route,
 * and the event counts that continuity reports need.
 */
record SnapshotEnvelope(long epoch, long checkpointMs, Lifecycle lifecycle, String route, long foldedEvents,
                        long totalEvents, byte[] state) {
    private static final byte VERSION = 1;

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(state.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(epoch);
            out.writeLong(checkpointMs);
            out.writeByte(lifecycle.ordinal());
            out.writeUTF(route);
            out.writeLong(foldedEvents);
            out.writeLong(totalEvents);
            out.writeInt(state.length);
            out.write(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static SnapshotEnvelope decode(String key, byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("session snapshot '" + key + "' has format version " + version
                        + ", this library reads version " + VERSION);
            }
            long epoch = in.readLong();
            long at = in.readLong();
            Lifecycle lifecycle = Lifecycle.values()[in.readByte()];
            String route = in.readUTF();
            long folded = in.readLong();
            long total = in.readLong();
            byte[] state = new byte[in.readInt()];
            in.readFully(state);
            return new SnapshotEnvelope(epoch, at, lifecycle, route, folded, total, state);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getCause() == null) {
                throw iae;
            }
            throw new IllegalArgumentException("session snapshot '" + key + "' is malformed", e);
        }
    }
}
