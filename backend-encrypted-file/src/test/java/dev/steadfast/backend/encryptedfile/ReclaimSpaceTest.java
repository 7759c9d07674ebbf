package dev.steadfast.backend.encryptedfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A truncation is one more sealed record; {@link Store#reclaimSpace()} (the compaction, reachable through the SPI)
 * drops what it removed from the files, keeping the head, and the store reopens with the same state.
 */
class ReclaimSpaceTest {
    private static final StreamId STREAM = StreamId.of("space/a");

    @Test
    void reclaimSpaceDropsTruncatedEntriesFromTheFilesAndKeepsTheHead(@TempDir Path dir) {
        Path vault = dir.resolve("vault");
        Path keyset = dir.resolve("k.json");
        try (Store store = Vaults.open(vault, keyset, 1 << 20)) {
            List<byte[]> payloads = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                payloads.add(new byte[4096]);
            }
            assertEquals(WriteResult.committed(), store.apply(WriteBatch.builder().append(STREAM, 0, payloads)
                    .build()));
            assertEquals(WriteResult.committed(), store.apply(WriteBatch.builder().append(STREAM, 300,
                    new byte[] {7}).truncate(STREAM, 300).build()));
            long full = store.storageBytes().orElseThrow();
            assertTrue(full > 300 * 4096, "the truncated entries are still in the files: " + full);

            store.reclaimSpace();

            long after = store.storageBytes().orElseThrow();
            assertTrue(after < full / 10, full + " bytes before, " + after + " after");
            assertEquals(301, store.journalHead(STREAM));
        }
        try (Store reopened = Vaults.open(vault, keyset, 1 << 20);
             Stream<Entry> entries = reopened.readJournal(STREAM, 1)) {
            List<Entry> left = entries.toList();
            assertEquals(1, left.size());
            assertEquals(301, left.get(0).sequence());
            assertEquals(301, reopened.journalHead(STREAM));
        }
    }
}
