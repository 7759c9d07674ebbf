package dev.steadfast.examples.backend;

import dev.steadfast.spi.CorruptStoreException;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.WriteOp;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * The write-ahead log: one frame per committed batch, {@code [length:int][crc32c:int][operations]}, appended and
 * forced to disk before the batch is reported committed. A frame cut short by a crash (the process died mid-write,
 * so that batch was never reported committed) is cut off on open; a damaged frame anywhere else is corruption.
 */
final class WalFile implements AutoCloseable {
    private static final int HEADER = 8;
    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private WalFile(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /** Opens (creating) the log, locks it against other processes, and feeds every committed batch to {@code replay}. */
    static WalFile open(Path path, Consumer<List<WriteOp>> replay) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // another handle in this JVM holds it
        }
        if (lock == null) {
            channel.close();
            throw new StoreConfigurationException("wal store " + path + " is already open (in this or another process);"
                    + " this backend admits one process at a time");
        }
        WalFile file = new WalFile(path, channel, lock);
        try {
            file.replay(replay);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
        return file;
    }

    private void replay(Consumer<List<WriteOp>> replay) throws IOException {
        long size = channel.size();
        long at = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (at + HEADER <= size) {
            channel.read(header.clear(), at);
            int length = header.getInt(0);
            if (length < 0 || at + HEADER + length > size) {
                break; // torn tail
            }
            ByteBuffer body = ByteBuffer.allocate(length);
            channel.read(body, at + HEADER);
            if (crc(body.array()) != header.getInt(4)) {
                if (at + HEADER + length == size) {
                    break; // the last frame was being written when the process died
                }
                throw new CorruptStoreException("wal store " + path + ": frame at byte " + at
                        + " fails its checksum and is followed by more frames");
            }
            replay.accept(WalCodec.decode(new DataInputStream(new ByteArrayInputStream(body.array()))));
            at += HEADER + length;
        }
        if (at < size) {
            channel.truncate(at);
            channel.force(true);
        }
        channel.position(at);
    }

    /** Appends one frame per batch and forces them to disk, once for all of them. */
    void append(List<byte[]> frames) throws IOException {
        for (byte[] body : frames) {
            ByteBuffer frame = ByteBuffer.allocate(HEADER + body.length).putInt(body.length).putInt(crc(body)).put(body);
            frame.flip();
            while (frame.hasRemaining()) {
                channel.write(frame);
            }
        }
        channel.force(false);
    }

    private static int crc(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        return (int) crc.getValue();
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
