package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.CorruptStoreException;
import dev.steadfast.spi.IncompatibleFormatException;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreIOException;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads and writes the manifest: {@code magic | version | store id | length | AEAD(body)}. The header travels in
 * clear (a reader needs the store id to build the associated data) and is authenticated as associated data.
 */
final class ManifestFile {
    private static final int HEADER_BYTES = 8 + 4 + Format.STORE_ID_BYTES + 4;

    private ManifestFile() {
    }

    static void write(Path dir, Manifest m, RecordCipher cipher) {
        ByteBuffer body = ByteBuffer.allocate(8 + 8 + Format.CHAIN_BYTES + 4
                + m.segments().size() * (8 + Format.EPOCH_BYTES) + 8 + Format.CHAIN_BYTES);
        body.putLong(m.generation()).putLong(m.baseSequence()).put(m.baseChain()).putInt(m.segments().size());
        for (Manifest.SegmentRef s : m.segments()) {
            body.putLong(s.id()).put(s.epoch());
        }
        body.putLong(m.hwmSequence()).put(m.hwmChain());
        byte[] ct = cipher.seal(body.array(), AssociatedData.forManifest(m.storeId()));
        ByteBuffer file = ByteBuffer.allocate(HEADER_BYTES + ct.length);
        file.put(Format.MANIFEST_MAGIC).putInt(Format.VERSION).put(m.storeId()).putInt(ct.length).put(ct);
        try {
            Durable.replace(dir.resolve(Format.MANIFEST), file.array());
        } catch (IOException e) {
            throw new StoreIOException("cannot write manifest of " + dir + ": " + e.getMessage(), e);
        }
    }

    static Manifest read(Path dir, RecordCipher cipher) {
        Path path = dir.resolve(Format.MANIFEST);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new StoreIOException("cannot read manifest " + path + ": " + e.getMessage(), e);
        }
        if (bytes.length < HEADER_BYTES) {
            throw new CorruptStoreException("manifest " + path + " is truncated (" + bytes.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[8];
        in.get(magic);
        if (!Arrays.equals(magic, Format.MANIFEST_MAGIC)) {
            throw new IncompatibleFormatException(path + " is not an encrypted-file manifest (bad magic "
                    + Format.hex(magic) + "); tampered, or not a Steadfast store");
        }
        int version = in.getInt();
        if (version != Format.VERSION) {
            throw new IncompatibleFormatException("manifest " + path + " has format version " + version
                    + ", this code reads version " + Format.VERSION);
        }
        byte[] storeId = new byte[Format.STORE_ID_BYTES];
        in.get(storeId);
        int length = in.getInt();
        if (length != in.remaining()) {
            throw new CorruptStoreException("manifest " + path + " announces " + length + " sealed bytes but holds "
                    + in.remaining() + ": truncated or tampered");
        }
        byte[] ct = new byte[length];
        in.get(ct);
        byte[] body;
        try {
            body = cipher.open(ct, AssociatedData.forManifest(storeId));
        } catch (GeneralSecurityException e) {
            if (cipher.lacksKeyFor(ct)) {
                throw new StoreConfigurationException(cipher.missingKeyMessage("manifest " + path, ct), e);
            }
            throw new CorruptStoreException("manifest " + path + " failed authentication with keyset "
                    + cipher.keysetName() + ": tampered, damaged, or sealed by another keyset", e);
        }
        return parseBody(storeId, body, path);
    }

    private static Manifest parseBody(byte[] storeId, byte[] body, Path path) {
        try {
            ByteBuffer in = ByteBuffer.wrap(body);
            long generation = in.getLong();
            long baseSequence = in.getLong();
            byte[] baseChain = new byte[Format.CHAIN_BYTES];
            in.get(baseChain);
            int n = in.getInt();
            if (n < 1 || n > in.remaining() / (8 + Format.EPOCH_BYTES)) {
                throw new IllegalArgumentException("segment count " + n);
            }
            List<Manifest.SegmentRef> segments = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long id = in.getLong();
                byte[] epoch = new byte[Format.EPOCH_BYTES];
                in.get(epoch);
                segments.add(new Manifest.SegmentRef(id, epoch));
            }
            long hwm = in.getLong();
            byte[] hwmChain = new byte[Format.CHAIN_BYTES];
            in.get(hwmChain);
            return new Manifest(storeId, generation, baseSequence, baseChain, segments, hwm, hwmChain);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CorruptStoreException("manifest " + path + " authenticated but does not decode: " + e, e);
        }
    }
}
