package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.CorruptStoreException;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreIOException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    /** The format version of the header; every record of the segment is sealed with it (see {@link Format}). */
    final int version;
    final Path path;
    final FileChannel channel;

    private Segment(long id, byte[] epoch, int version, Path path, FileChannel channel) {
        this.id = id;
        this.version = version;
        this.epoch = epoch;
        this.path = path;
        this.channel = channel;
    }

    /**
     * Creates a new segment with a fresh random epoch and a durable header under its pending name; it becomes part
     * of the store only when a manifest lists it, and is {@link #publish published} under its segment name after.
     */
    static Segment create(Path dir, byte[] storeId, long id) throws IOException {
        byte[] epoch = new byte[Format.EPOCH_BYTES];
        RANDOM.nextBytes(epoch);
        Path path = dir.resolve(Format.segmentFileName(id));
        Path pending = dir.resolve(Format.pendingFileName(id));
        FileChannel ch = FileChannel.open(pending, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PrivateFiles.ownerOnly(pending));
        try {
            Durable.writeFully(ch, ByteBuffer.wrap(new SegmentHeader(Format.VERSION, storeId, id, epoch).encode()), 0);
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return new Segment(id, epoch, Format.VERSION, path, ch);
    }

    /**
     * Renames the pending file to its segment name; only after a durable manifest lists it. The caller makes the
     * rename durable with a directory fsync (until then a crash leaves the pending name, which open completes).
     */
    void publish() throws IOException {
        Files.move(path.resolveSibling(Format.pendingFileName(id)), path, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Closes and deletes a segment no manifest lists (whichever of its two names it has). */
    void discard() {
        close();
        try {
            Files.deleteIfExists(path.resolveSibling(Format.pendingFileName(id)));
        } catch (IOException ignored) {
            // an unlisted pending file is removed by the next open
        }
    }

    static Segment open(Path dir, Manifest.SegmentRef ref) throws IOException {
        Path path = dir.resolve(Format.segmentFileName(ref.id()));
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            ByteBuffer header = ByteBuffer.allocate(Format.SEGMENT_HEADER_BYTES);
            Durable.readFully(ch, header, 0);
            return new Segment(ref.id(), ref.epoch(), SegmentHeader.parse(header.array()).version(), path, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
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
            return cipher.open(ct, AssociatedData.forRecord(version, storeId, id, epoch, frame.sequence(), frame.type(),
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
            // A length is untrusted until the CRC holds: never load more than the file has.
            if (bodyLength >= Format.RECORD_HEADER_BYTES && bodyLength <= Format.MAX_BODY_BYTES
                    && bodyLength <= channel.size() - offset - Format.FRAME_PREFIX_BYTES
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
