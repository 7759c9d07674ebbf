package dev.steadfast.backend.sqlite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many bytes of a SQLite database's write-ahead log are not yet checkpointed into the database file, read from
 * the WAL index ({@code -shm}) that every connection to the database shares (SQLite's documented file format, "WAL
 * index format"): its header's last valid frame ({@code mxFrame}) less the frames already copied back
 * ({@code nBackfill}), times the frame size. Unlike the {@code -wal} file's size, which a checkpoint leaves as it
 * was (SQLite reuses the file from its start), this drops to zero when a checkpoint catches up. Reading never
 * takes a lock or touches the database.
 *
 * <p>The file is read through one descriptor per file that stays open for the life of the process. SQLite's locks
 * on the WAL index are POSIX locks, which belong to the process, and closing any descriptor of the file drops every
 * one of them: a gauge that opened and closed the file let another process write beside this one's writer, and
 * this one's commit then overwrote that process's acknowledged commit in the WAL. A descriptor is closed only once
 * its file was deleted (SQLite deletes the index when the last connection closes), so nobody locks it any more.
 */
final class WalBacklog {
    private static final int HEADER = 48;          // one copy of the WAL index header; two are stored
    private static final int BACKFILL = 2 * HEADER; // nBackfill, first field of the checkpoint info
    private static final int FRAME_HEADER = 24;
    private static final int ATTEMPTS = 4;

    /** The open descriptor of each WAL index file read so far, with the identity of the file it reads. */
    private static final Map<Path, Open> OPEN = new HashMap<>();
    private static final List<FileChannel> UNSURE = new ArrayList<>();

    private record Open(FileChannel channel, Object fileKey) {
    }

    private final Path shm;

    WalBacklog(Path database) {
        this.shm = database.toAbsolutePath().normalize().resolveSibling(database.getFileName() + "-shm");
    }

    /** Bytes in the WAL not yet in the database: 0 with no WAL index, -1 if it cannot be read. */
    long bytes() {
        try {
            FileChannel channel = channel();
            ByteBuffer index = ByteBuffer.allocate(BACKFILL + 4).order(ByteOrder.nativeOrder());
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                index.clear();
                while (index.hasRemaining() && channel.read(index, index.position()) > 0) {
                    // read on until full or end of file
                }
                if (index.hasRemaining()) {
                    return 0; // shorter than a header: no writer has set it up yet
                }
                // SQLite writes the two copies one after the other; equal copies are a consistent reading
                if (Arrays.equals(index.array(), 0, HEADER, index.array(), HEADER, 2 * HEADER)) {
                    return backlog(index);
                }
            }
            return -1; // a writer kept changing it under us: no consistent value now
        } catch (NoSuchFileException e) {
            return 0; // no WAL index: the database is closed by everyone, its WAL checkpointed away
        } catch (IOException e) {
            return -1; // unreadable: a gauge must not throw
        }
    }

    /** The descriptor of the WAL index now at {@code shm}, opened once; see the class comment. */
    private FileChannel channel() throws IOException {
        synchronized (OPEN) {
            Object fileKey = fileKey();
            Open open = OPEN.get(shm);
            if (open != null && fileKey != null && fileKey.equals(open.fileKey())) {
                return open.channel();
            }
            FileChannel channel = FileChannel.open(shm, StandardOpenOption.READ);
            if (fileKey == null || !fileKey.equals(fileKey())) {
                // replaced while opening: which file the channel reads is unknown, so it is never closed (nor left
                // to the garbage collector, which would close it)
                UNSURE.add(channel);
                return channel;
            }
            if (open != null) {
                open.channel().close(); // its file was deleted and replaced: no SQLite lock is left on it
            }
            OPEN.put(shm, new Open(channel, fileKey));
            return channel;
        }
    }

    private Object fileKey() throws IOException {
        return Files.readAttributes(shm, BasicFileAttributes.class).fileKey();
    }

    private static long backlog(ByteBuffer index) {
        if (index.get(12) == 0) {
            return 0; // isInit: the header is not valid yet
        }
        int pageSize = Short.toUnsignedInt(index.getShort(14));
        long frameBytes = (pageSize == 1 ? 65_536 : pageSize) + FRAME_HEADER;
        long mxFrame = Integer.toUnsignedLong(index.getInt(16));
        long backfilled = Integer.toUnsignedLong(index.getInt(BACKFILL));
        return Math.max(0, mxFrame - backfilled) * frameBytes;
    }
}
