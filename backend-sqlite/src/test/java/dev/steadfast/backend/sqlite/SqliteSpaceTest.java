package dev.steadfast.backend.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Space of truncated journal rows: SQLite reuses the pages for later writes, and reclaimSpace gives them back. */
class SqliteSpaceTest {
    private static final int ENTRIES = 300;
    private static final int PAYLOAD = 4096;

    @Test
    void pagesOfTruncatedRowsAreReusedByLaterWritesWithoutVacuum(@TempDir Path dir) {
        try (Store store = open(dir)) {
            fill(store, StreamId.of("space/a"));
            long full = store.storageBytes().orElseThrow();
            truncateAll(store, StreamId.of("space/a"));
            assertEquals(full, store.storageBytes().orElseThrow(), "without VACUUM the file keeps its pages");

            fill(store, StreamId.of("space/b"));

            long after = store.storageBytes().orElseThrow();
            assertTrue(after < full + full / 10, "the second " + ENTRIES * PAYLOAD + " bytes went into the freed "
                    + "pages: " + full + " bytes before, " + after + " after");
        }
    }

    @Test
    void reclaimSpaceGivesTheFreedPagesBackToTheFileSystemAndKeepsTheRest(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("space.db");
        try (Store store = open(dir)) {
            fill(store, StreamId.of("space/a"));
            long full = store.storageBytes().orElseThrow();
            truncateAll(store, StreamId.of("space/a"));

            store.reclaimSpace();

            long after = store.storageBytes().orElseThrow();
            assertTrue(after < full / 10, full + " bytes before, " + after + " after");
            assertTrue(Files.size(file) + walSize(dir) < full / 10, "the file itself shrank: " + Files.size(file));
            assertEquals(ENTRIES, store.journalHead(StreamId.of("space/a")), "the head stays");
        }
        try (Store reopened = open(dir);
             Stream<Entry> entries = reopened.readJournal(StreamId.of("space/a"), 1)) {
            assertEquals(0, entries.count());
            assertEquals(ENTRIES, reopened.journalHead(StreamId.of("space/a")));
        }
    }

    private static long walSize(Path dir) throws IOException {
        Path wal = dir.resolve("space.db-wal");
        return Files.exists(wal) ? Files.size(wal) : 0;
    }

    private static Store open(Path dir) {
        return new SqliteStoreProvider().open(StoreSpec.parse("sqlite:" + dir.resolve("space.db")));
    }

    private static void fill(Store store, StreamId stream) {
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            payloads.add(new byte[PAYLOAD]);
        }
        assertEquals(WriteResult.committed(), store.apply(WriteBatch.builder().append(stream, 0, payloads).build()));
    }

    private static void truncateAll(Store store, StreamId stream) {
        assertEquals(WriteResult.committed(), store.apply(WriteBatch.builder().truncate(stream, ENTRIES).build()));
    }
}
