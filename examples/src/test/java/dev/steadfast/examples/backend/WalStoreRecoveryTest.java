package dev.steadfast.examples.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import dev.steadfast.spi.CorruptStoreException;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the TCK cannot see: the log file after a crash or damage, the file lock, and discovery by scheme. */
class WalStoreRecoveryTest {
    private static final StreamId STREAM = StreamId.of("orders");

    @Test
    void aFrameCutShortByACrashIsDroppedAndEveryCommittedBatchKept(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("store.wal");
        writeThree(file);
        // A crash mid-append leaves a frame header promising more bytes than follow.
        Files.write(file, new byte[] {0, 0, 0, 100, 1, 2, 3, 4, 5}, StandardOpenOption.APPEND);
        try (Steadfast reopened = Steadfast.open("wal:" + file)) {
            assertEquals(3, reopened.store().journalHead(STREAM));
            assertTrue(reopened.store().apply(append(3, "d")).isCommitted(), "appends continue after the torn tail");
        }
        try (Steadfast again = Steadfast.open("wal:" + file)) {
            assertEquals(4, again.store().journalHead(STREAM));
        }
    }

    @Test
    void aDamagedFrameFollowedByMoreFramesIsReportedAsCorruption(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("store.wal");
        writeThree(file);
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(12); // inside the first frame's body
            raw.write(raw.read() ^ 0xff);
        }
        CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> Steadfast.open("wal:" + file));
        assertTrue(e.getMessage().contains("frame at byte 0"), e.getMessage());
    }

    @Test
    void aSecondOpenOfTheSameLogIsRefusedWhileTheFirstHoldsIt(@TempDir Path dir) {
        Path file = dir.resolve("store.wal");
        try (Steadfast first = Steadfast.open("wal:" + file)) {
            StoreConfigurationException e = assertThrows(StoreConfigurationException.class,
                    () -> Steadfast.open("wal:" + file));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
            assertEquals("wal", first.descriptor().scheme());
        }
    }

    private static void writeThree(Path file) {
        try (Steadfast steadfast = Steadfast.open("wal:" + file)) {
            for (int head = 0; head < 3; head++) {
                assertTrue(steadfast.store().apply(append(head, "e" + head)).isCommitted());
            }
        }
    }

    private static WriteBatch append(long head, String text) {
        return WriteBatch.builder().append(STREAM, head, text.getBytes(StandardCharsets.UTF_8)).build();
    }
}
