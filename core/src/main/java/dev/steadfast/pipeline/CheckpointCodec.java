package dev.steadfast.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The one canonical encoding of a checkpoint: a version byte, then every field in declaration order, numbers as
 * 8 big-endian bytes and text as a 4-byte length and UTF-8. The store keeps it and the chain signature hashes it,
 * so a checkpoint read back signs exactly as the one written.
 */
final class CheckpointCodec {
    private static final int VERSION = 1;
    private static final String SIGNATURE_DOMAIN = "steadfast-checkpoint-chain-v1";

    private CheckpointCodec() {
    }

    static byte[] encode(Checkpoint c) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + c.idempotencyKey().length());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            text(out, c.runId());
            text(out, c.stage());
            out.writeLong(c.sequence());
            out.writeLong(c.watermark().offset());
            out.writeLong(c.watermark().eventTimeMs());
            text(out, c.idempotencyKey());
            out.writeLong(c.atMs());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalStateException naming {@code where} when the bytes are not a checkpoint of this version */
    static Checkpoint decode(byte[] bytes, String where) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalStateException(where + " holds a checkpoint of format version " + version
                        + ", this library reads version " + VERSION);
            }
            String runId = text(in);
            String stage = text(in);
            long sequence = in.readLong();
            Watermark watermark = new Watermark(in.readLong(), in.readLong());
            String key = text(in);
            long atMs = in.readLong();
            if (in.available() != 0) {
                throw new IllegalStateException(where + " holds " + in.available() + " bytes after its checkpoint");
            }
            return new Checkpoint(runId, stage, sequence, watermark, key, atMs);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException(where + " does not hold a readable checkpoint: " + e.getMessage(), e);
        }
    }

    static String signature(List<Checkpoint> chain) {
        MessageDigest md = sha256();
        md.update(SIGNATURE_DOMAIN.getBytes(StandardCharsets.UTF_8));
        md.update(longBytes(chain.size()));
        for (Checkpoint c : chain) {
            byte[] encoded = encode(c);
            md.update(longBytes(encoded.length));
            md.update(encoded);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String text(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("text length " + length + " exceeds the " + in.available() + " bytes left");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static byte[] longBytes(long v) {
        return java.nio.ByteBuffer.allocate(Long.BYTES).putLong(v).array();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256", e);
        }
    }
}
