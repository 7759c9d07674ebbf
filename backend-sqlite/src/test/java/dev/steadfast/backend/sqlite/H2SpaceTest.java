package dev.steadfast.backend.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

/**
 * Space of truncated journal rows in an H2 file: H2 left alone keeps appending chunks while the store is busy, so
 * {@code reclaimSpace} compacts the file online, and a store that purges and reclaims over and over stays bounded.
 */
class H2SpaceTest {
    private static final int ENTRIES = 300;
    private static final int PAYLOAD = 4096;
    private static final StreamId KEPT = StreamId.of("space/kept");

    @Test
    void reclaimSpaceShrinksTheFileAndKeepsHeadsAndKeptEntries(@TempDir Path dir) throws IOException {
        try (Store store = open(dir)) {
            append(store, KEPT, 0, 3, (byte) 7);
            append(store, StreamId.of("space/a"), 0, ENTRIES, (byte) 1);
            long full = store.storageBytes().orElseThrow();
            truncateAll(store, StreamId.of("space/a"));

            store.reclaimSpace();

            long after = store.storageBytes().orElseThrow();
            assertTrue(after < full / 10, full + " bytes before, " + after + " after");
            assertTrue(Files.size(file(dir)) < full / 10, "the file itself shrank: " + Files.size(file(dir)));
            assertEquals(ENTRIES, store.journalHead(StreamId.of("space/a")), "the head stays");
            append(store, StreamId.of("space/a"), ENTRIES, 1, (byte) 2);
        }
        try (Store reopened = open(dir)) {
            assertEquals(List.of((long) ENTRIES + 1), sequences(reopened, StreamId.of("space/a")),
                    "appends went on at the head after the compaction");
            try (Stream<Entry> kept = reopened.readJournal(KEPT, 1)) {
                kept.forEach(e -> assertArrayEquals(payload((byte) 7), e.payload(), "entry " + e.sequence()));
            }
            assertEquals(List.of(1L, 2L, 3L), sequences(reopened, KEPT));
        }
    }

    @Test
    void purgingAndReclaimingOverAndOverKeepsTheFileBounded(@TempDir Path dir) {
        StreamId stream = StreamId.of("space/cycled");
        try (Store store = open(dir)) {
            List<Long> sizes = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                append(store, stream, (long) round * ENTRIES, ENTRIES, (byte) round);
                sizes.add(store.storageBytes().orElseThrow());
                truncateAll(store, stream);
                store.reclaimSpace();
            }
            // Without the compaction H2 appends fresh chunks for every round (the file holds all five rounds).
            long first = sizes.get(0);
            for (long size : sizes) {
                assertTrue(size < first + first / 2, "each round fits where the last one was: " + sizes);
            }
            assertEquals(5L * ENTRIES, store.journalHead(stream));
        }
    }

    @Test
    void anInMemoryStoreHasNoFileToMeasureOrCompact() {
        try (Store store = new H2StoreProvider().open(StoreSpec.parse("h2:mem:space-test"))) {
            append(store, KEPT, 0, 3, (byte) 7);
            truncateAll(store, KEPT);

            store.reclaimSpace();

            assertTrue(store.storageBytes().isEmpty(), "no file: " + store.storageBytes());
            assertEquals(3, store.journalHead(KEPT));
        }
    }

    private static Path file(Path dir) {
        return dir.resolve("space.mv.db");
    }

    private static Store open(Path dir) {
        return new H2StoreProvider().open(StoreSpec.parse("h2:" + dir.resolve("space")));
    }

    private static byte[] payload(byte fill) {
        byte[] bytes = new byte[PAYLOAD];
        java.util.Arrays.fill(bytes, fill);
        return bytes;
    }

    private static void append(Store store, StreamId stream, long head, int entries, byte fill) {
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            payloads.add(payload(fill));
        }
        assertEquals(WriteResult.committed(), store.apply(WriteBatch.builder().append(stream, head, payloads).build()));
    }

    private static void truncateAll(Store store, StreamId stream) {
        long head = store.journalHead(stream);
        assertEquals(WriteResult.committed(), store.apply(WriteBatch.builder().truncate(stream, head).build()));
    }

    private static List<Long> sequences(Store store, StreamId stream) {
        try (Stream<Entry> entries = store.readJournal(stream, 1)) {
            return entries.map(Entry::sequence).toList();
        }
    }
}
