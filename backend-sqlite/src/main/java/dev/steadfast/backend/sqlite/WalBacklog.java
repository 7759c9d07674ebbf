package dev.steadfast.backend.sqlite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * How many bytes of a SQLite database's write-ahead log are not yet checkpointed into the database file, read from
 * the WAL index ({@code -shm}) that every connection to the database shares (SQLite's documented file format, "WAL
 * index format"): its header's last valid frame ({@code mxFrame}) less the frames already copied back
 * ({@code nBackfill}), times the frame size. Unlike the {@code -wal} file's size, which a checkpoint leaves as it
 * was (SQLite reuses the file from its start), this drops to zero when a checkpoint catches up. Reading never
 * takes a lock or touches the database.
 */
final class WalBacklog {
    private static final int HEADER = 48;          // one copy of the WAL index header; two are stored
    private static final int BACKFILL = 2 * HEADER; // nBackfill, first field of the checkpoint info
    private static final int FRAME_HEADER = 24;
    private static final int ATTEMPTS = 4;

    private final Path shm;

    WalBacklog(Path database) {
        this.shm = database.resolveSibling(database.getFileName() + "-shm");
    }

    /** Bytes in the WAL not yet in the database: 0 with no WAL index, -1 if it cannot be read. */
    long bytes() {
        try (FileChannel channel = FileChannel.open(shm, StandardOpenOption.READ)) {
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
