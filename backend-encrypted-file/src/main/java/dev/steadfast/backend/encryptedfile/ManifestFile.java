package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.CorruptStoreException;
import dev.steadfast.spi.IncompatibleFormatException;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreIOException;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import java.util.List;

/**
 * Reads and writes the manifest: {@code magic | version | store id | length | AEAD(body)}. The header travels in
 * clear (a reader needs the store id to build the associated data) and is authenticated as associated data.
 */
final class ManifestFile {
    private static final int HEADER_BYTES = 8 + 4 + Format.STORE_ID_BYTES + 4;
    private static final int REF_BYTES = 8 + Format.EPOCH_BYTES;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ManifestFile() {
    }

    static void write(Path dir, Manifest m, RecordCipher cipher) {
        int refs = m.segments().size() + m.retired().size();
        ByteBuffer body = ByteBuffer.allocate(8 + 8 + Format.CHAIN_BYTES + 4 + 8 + Format.CHAIN_BYTES + 4
                + refs * REF_BYTES);
        body.putLong(m.generation()).putLong(m.baseSequence()).put(m.baseChain());
        putRefs(body, m.segments());
        body.putLong(m.hwmSequence()).put(m.hwmChain());
        putRefs(body, m.retired());
        byte[] ct = cipher.seal(body.array(), AssociatedData.forManifest(Format.VERSION, m.storeId()));
        if (HEADER_BYTES + ct.length > Format.MAX_MANIFEST_BYTES) {
            throw new StoreIOException("manifest of " + dir + " would be " + (HEADER_BYTES + ct.length)
                    + " bytes, beyond the format's limit of " + Format.MAX_MANIFEST_BYTES + ": too many segments");
        }
        ByteBuffer file = ByteBuffer.allocate(HEADER_BYTES + ct.length);
        file.put(Format.MANIFEST_MAGIC).putInt(Format.VERSION).put(m.storeId()).putInt(ct.length).put(ct);
        try {
            replace(dir, file.array());
        } catch (IOException e) {
            throw new StoreIOException("cannot write manifest of " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Temp file under a fresh random name, created exclusively, owner-only and never through a link (a planted
     * symlink cannot redirect the write), fsync'd, renamed over {@code MANIFEST} atomically, directory fsync'd.
     */
    private static void replace(Path dir, byte[] content) throws IOException {
        byte[] nonce = new byte[8];
        RANDOM.nextBytes(nonce);
        Path temp = dir.resolve(Format.MANIFEST_TEMP_PREFIX + HexFormat.of().formatHex(nonce) + Format.TEMP_SUFFIX);
        try {
            try (FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PrivateFiles.ownerOnly(temp))) {
                Durable.writeFully(ch, ByteBuffer.wrap(content), 0);
                ch.force(true);
            }
            Files.move(temp, dir.resolve(Format.MANIFEST), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Durable.syncDirectory(dir);
    }

    /** Whether {@code fileName} is a manifest temp file this class writes: never authoritative. */
    static boolean isTemp(String fileName) {
        return fileName.startsWith(Format.MANIFEST_TEMP_PREFIX) && fileName.endsWith(Format.TEMP_SUFFIX);
    }

    private static void putRefs(ByteBuffer body, List<Manifest.SegmentRef> refs) {
        body.putInt(refs.size());
        for (Manifest.SegmentRef s : refs) {
            body.putLong(s.id()).put(s.epoch());
        }
    }

    /** A manifest and the format version it was written in. */
    record Read(Manifest manifest, int version) {
    }

    static Manifest read(Path dir, RecordCipher cipher) {
        return readVersioned(dir, cipher).manifest();
    }

    static Read readVersioned(Path dir, RecordCipher cipher) {
        Path path = dir.resolve(Format.MANIFEST);
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > Format.MAX_MANIFEST_BYTES) {
                throw new CorruptStoreException("manifest " + path + " is " + size + " bytes (from offset 0); the"
                        + " format writes at most " + Format.MAX_MANIFEST_BYTES + ": damaged or not a manifest");
            }
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
        if (!Format.readable(version)) {
            throw new IncompatibleFormatException("manifest " + path + " has format version " + version
                    + ", this code reads versions " + Format.OLDEST_READABLE + " to " + Format.VERSION);
        }
        byte[] storeId = new byte[Format.STORE_ID_BYTES];
        in.get(storeId);
        int length = in.getInt();
        if (length != in.remaining()) {
            throw new CorruptStoreException("manifest " + path + " announces " + length + " sealed bytes at offset "
                    + (HEADER_BYTES - 4) + " but holds " + in.remaining() + ": truncated or tampered");
        }
        byte[] ct = new byte[length];
        in.get(ct);
        byte[] body;
        try {
            body = cipher.open(ct, AssociatedData.forManifest(version, storeId));
        } catch (GeneralSecurityException e) {
            if (cipher.lacksKeyFor(ct)) {
                throw new StoreConfigurationException(cipher.missingKeyMessage("manifest " + path, ct), e);
            }
            throw new CorruptStoreException("manifest " + path + " failed authentication with keyset "
                    + cipher.keysetName() + ": tampered, damaged, or sealed by another keyset", e);
        }
        return new Read(parseBody(storeId, body, path, version), version);
    }

    private static Manifest parseBody(byte[] storeId, byte[] body, Path path, int version) {
        try {
            ByteBuffer in = ByteBuffer.wrap(body);
            long generation = in.getLong();
            long baseSequence = in.getLong();
            byte[] baseChain = new byte[Format.CHAIN_BYTES];
            in.get(baseChain);
            List<Manifest.SegmentRef> segments = refs(in, 1);
            long hwm = in.getLong();
            byte[] hwmChain = new byte[Format.CHAIN_BYTES];
            in.get(hwmChain);
            // version 1 had no retired list: it deleted every unlisted segment, which version 2 never does
            List<Manifest.SegmentRef> retired = version == 1 ? List.of() : refs(in, 0);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " trailing bytes");
            }
            return new Manifest(storeId, generation, baseSequence, baseChain, segments, hwm, hwmChain, retired);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CorruptStoreException("manifest " + path + " authenticated but does not decode: " + e, e);
        }
    }

    private static List<Manifest.SegmentRef> refs(ByteBuffer in, int atLeast) {
        int n = in.getInt();
        if (n < atLeast || n > in.remaining() / REF_BYTES) {
            throw new IllegalArgumentException("segment count " + n);
        }
        List<Manifest.SegmentRef> refs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long id = in.getLong();
            byte[] epoch = new byte[Format.EPOCH_BYTES];
            in.get(epoch);
            refs.add(new Manifest.SegmentRef(id, epoch));
        }
        return refs;
    }
}
