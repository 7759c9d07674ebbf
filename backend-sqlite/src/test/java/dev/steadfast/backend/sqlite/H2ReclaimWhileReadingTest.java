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
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What readers see while H2's file is compacted online ({@code reclaimSpace} moves the live pages of sparse chunks
 * and cuts the file): every entry committed before, unchanged, whether the reader's cursor was opened before the
 * compaction and read on after it, or its reads ran beside it. Only writers wait (on the database's writer lock);
 * readers never do. What an open read holds is not given back until a compaction after it closed. The kept journal is written interleaved with the purged one, so its pages sit in the chunks the
 * compaction rewrites.
 */
class H2ReclaimWhileReadingTest {
    private static final StreamId KEPT = StreamId.of("reclaim/kept");
    private static final StreamId PURGED = StreamId.of("reclaim/purged");
    private static final int ROUNDS = 40;
    private static final int PER_ROUND = 20;
    private static final int PAYLOAD = 2048;

    @TempDir
    Path dir;

    /**
     * The open cursor's read version keeps the chunks it reads from alive (H2 frees a chunk only once no open
     * transaction can read it), so a compaction during it moves the live pages but cannot cut the file yet: the
     * space comes back with the next {@code reclaimSpace} after the cursor closed.
     */
    @Test
    void aCursorOpenedBeforeTheCompactionReadsEveryKeptEntryAndTheSpaceFollowsOnceItCloses() {
        try (Store store = populated()) {
            long before = store.storageBytes().orElseThrow();
            try (Stream<Entry> cursor = store.readJournal(KEPT, 1)) {
                Iterator<Entry> entries = cursor.iterator();
                List<Entry> read = new ArrayList<>();
                read.add(entries.next());

                store.reclaimSpace();

                entries.forEachRemaining(read::add);
                assertKept(read);
            }
            store.reclaimSpace();

            long after = store.storageBytes().orElseThrow();
            assertTrue(after < before / 2, "the file shrank once the cursor closed: " + before + " -> " + after);
            try (Stream<Entry> entries = store.readJournal(KEPT, 1)) {
                assertKept(entries.toList());
            }
        }
    }

    @Test
    void readsRunningBesideTheCompactionSeeEveryKeptEntryAndWritesGoOnAfterIt() throws Exception {
        try (Store store = populated()) {
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger reads = new AtomicInteger();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                do {
                    try (Stream<Entry> entries = store.readJournal(KEPT, 1);
                         Stream<Entry> purged = store.readJournal(PURGED, 1)) {
                        assertKept(entries.toList());
                        assertEquals(0, purged.count(), "the purged journal stays empty");
                    }
                    reads.incrementAndGet();
                } while (!done.get());
            });

            store.reclaimSpace();
            done.set(true);

            reader.get(60, TimeUnit.SECONDS); // rethrows what a read saw wrong
            assertTrue(reads.get() >= 1);
            append(store, KEPT, ROUNDS + 1);
            assertEquals((long) (ROUNDS + 1) * PER_ROUND, store.journalHead(KEPT));
        }
    }

    private Store populated() {
        Store store = new H2StoreProvider().open(StoreSpec.parse("h2:" + dir.resolve("reclaim")));
        for (int round = 1; round <= ROUNDS; round++) {
            append(store, KEPT, round);
            append(store, PURGED, round);
        }
        WriteResult truncated = store.apply(WriteBatch.builder()
                .truncate(PURGED, store.journalHead(PURGED)).build());
        assertEquals(WriteResult.committed(), truncated);
        return store;
    }

    /** Entry {@code n} of a journal holds {@code n} in its first eight bytes, then the round's filler. */
    private static void append(Store store, StreamId stream, int round) {
        long head = store.journalHead(stream);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 1; i <= PER_ROUND; i++) {
            payloads.add(payload(head + i));
        }
        assertEquals(WriteResult.committed(), store.apply(WriteBatch.builder().append(stream, head, payloads).build()),
                stream + " round " + round);
    }

    private static byte[] payload(long sequence) {
        byte[] bytes = new byte[PAYLOAD];
        java.util.Arrays.fill(bytes, (byte) sequence);
        ByteBuffer.wrap(bytes).putLong(sequence);
        return bytes;
    }

    private static void assertKept(List<Entry> entries) {
        assertEquals(ROUNDS * PER_ROUND, entries.size(), "kept entries read");
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            assertEquals(i + 1L, e.sequence());
            assertArrayEquals(payload(e.sequence()), e.payload(), "entry " + e.sequence());
        }
    }
}
