package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.CorruptStoreException;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreIOException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Set;

/**
 * One open segment file: its identity and a channel that readers use with positional reads (safe alongside the
 * single writer appending past them).
 */
final class Segment implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    final long id;
    final byte[] epoch;
    final Path path;
    final FileChannel channel;

    private Segment(long id, byte[] epoch, Path path, FileChannel channel) {
        this.id = id;
        this.epoch = epoch;
        this.path = path;
        this.channel = channel;
    }

    /** Creates a new segment file with a fresh random epoch and a durable header. */
    static Segment create(Path dir, byte[] storeId, long id) throws IOException {
        byte[] epoch = new byte[Format.EPOCH_BYTES];
        RANDOM.nextBytes(epoch);
        Path path = dir.resolve(Format.segmentFileName(id));
        FileChannel ch = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE), PrivateFiles.ownerOnly(path));
        try {
            Durable.writeFully(ch, ByteBuffer.wrap(new SegmentHeader(Format.VERSION, storeId, id, epoch).encode()), 0);
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return new Segment(id, epoch, path, ch);
    }

    static Segment open(Path dir, Manifest.SegmentRef ref) throws IOException {
        Path path = dir.resolve(Format.segmentFileName(ref.id()));
        return new Segment(ref.id(), ref.epoch(), path,
                FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE));
    }

    Manifest.SegmentRef ref() {
        return new Manifest.SegmentRef(id, epoch);
    }

    /**
     * Reads, checks and decrypts the record at {@code offset}, through the caller's {@code window}.
     *
     * @throws CorruptStoreException naming this segment and the offset if the record is damaged or not authentic
     */
    byte[] readRecord(long offset, byte[] storeId, RecordCipher cipher, ReadWindow window) {
        Framing.Frame frame = readFrame(offset, window);
        byte[] ct = frame.ciphertext();
        try {
            return cipher.open(ct, AssociatedData.forRecord(storeId, id, epoch, frame.sequence(), frame.type(),
                    frame.previousChain()));
        } catch (GeneralSecurityException e) {
            if (cipher.lacksKeyFor(ct)) {
                throw new StoreConfigurationException(cipher.missingKeyMessage(where(offset), ct), e);
            }
            throw new CorruptStoreException(where(offset) + " failed authentication: tampered or damaged", e);
        }
    }

    private Framing.Frame readFrame(long offset, ReadWindow window) {
        try {
            Object decoded = decodeFrom(window, offset);
            if (decoded instanceof Framing.Damage) {
                // The window may predate this frame's write; only damage seen in fresh bytes counts.
                window.invalidate();
                decoded = decodeFrom(window, offset);
            }
            if (decoded instanceof Framing.Damage d) {
                throw new CorruptStoreException(where(offset) + " is damaged: " + d.reason());
            }
            return (Framing.Frame) decoded;
        } catch (IOException e) {
            throw new StoreIOException("cannot read " + where(offset) + ": " + e.getMessage(), e);
        }
    }

    private Object decodeFrom(ReadWindow window, long offset) throws IOException {
        if (!window.covers(id, offset, Format.FRAME_PREFIX_BYTES)) {
            window.load(channel, id, offset, Format.FRAME_PREFIX_BYTES);
        }
        if (window.covers(id, offset, Format.FRAME_PREFIX_BYTES)) {
            int bodyLength = ByteBuffer.wrap(window.bytes(), window.relative(offset), 4).getInt();
            if (bodyLength >= Format.RECORD_HEADER_BYTES && bodyLength <= Format.MAX_BODY_BYTES
                    && !window.covers(id, offset, Format.FRAME_PREFIX_BYTES + bodyLength)) {
                window.load(channel, id, offset, Format.FRAME_PREFIX_BYTES + bodyLength);
            }
        }
        return Framing.decode(window.bytes(), window.relative(offset), window.end());
    }

    String where(long offset) {
        return "record at offset " + offset + " of segment " + path.getFileName();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // a read-only view of a retired or closed segment; nothing is lost
        }
    }
}
