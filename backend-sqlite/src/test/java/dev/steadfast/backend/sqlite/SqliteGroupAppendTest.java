package dev.steadfast.backend.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
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
 * A group of independent appends goes to SQLite as two JDBC batches (head updates, then entries), after the fence
 * guards of those that carry them, read in as many statements as the fences need (a stale owner's batch is fenced
 * out and writes nothing; the TCK's applyAll tests pin the results); the appends whose head did not move (new
 * streams, conflicts) then run on their own. Results, heads and entries must be
 * exactly those of running the batches one by one, also after reopening, and the next group on the same cached
 * statements must not see leftovers.
 */
class SqliteGroupAppendTest {
    private static final StreamId A = StreamId.of("a");
    private static final StreamId B = StreamId.of("b");
    private static final StreamId C = StreamId.of("c");
    private static final StreamId D = StreamId.of("d");

    @Test
    void groupOfIndependentAppendsReportsEachConflictAndKeepsTheRestAcrossReopen(@TempDir Path dir) {
        try (Store store = open(dir)) {
            assertTrue(store.apply(WriteBatch.builder().append(B, 0, new byte[] {1}).build()).isCommitted());
            assertTrue(store.apply(WriteBatch.builder().append(C, 0, new byte[] {1}).build()).isCommitted());

            List<WriteResult> results = store.applyAll(List.of(
                    WriteBatch.builder().append(A, 0, new byte[] {2}).build(),
                    WriteBatch.builder().append(B, 5, new byte[] {2}).build(),
                    WriteBatch.builder().append(C, 1, new byte[] {2}, new byte[] {3}).build(),
                    WriteBatch.builder().append(D, 3, new byte[] {2}).build()));

            assertEquals(List.of(WriteResult.committed(), new SequenceConflict(B, 5, 1), WriteResult.committed(),
                    new SequenceConflict(D, 3, 0)), results);
            List<WriteResult> next = store.applyAll(List.of(
                    WriteBatch.builder().append(B, 1, new byte[] {4}).build(),
                    WriteBatch.builder().append(C, 3, new byte[] {4}).build()));
            assertEquals(List.of(WriteResult.committed(), WriteResult.committed()), next);
        }
        try (Store store = open(dir)) {
            assertEquals(List.of(1L, 2L, 4L, 0L), Stream.of(A, B, C, D).map(store::journalHead).toList());
            assertEquals(List.of(A, B, C), store.listStreams(""));
            assertArrayEquals(new byte[] {4}, entries(store, B).get(1).payload());
            assertEquals(List.of(1L, 2L, 3L, 4L), entries(store, C).stream().map(Entry::sequence).toList());
            assertArrayEquals(new byte[] {3}, entries(store, C).get(2).payload());
        }
    }

    @Test
    void groupWhereEveryAppendConflictsWritesNothing(@TempDir Path dir) {
        try (Store store = open(dir)) {
            assertTrue(store.apply(WriteBatch.builder().append(A, 0, new byte[] {1}).build()).isCommitted());

            List<WriteResult> results = store.applyAll(List.of(
                    WriteBatch.builder().append(A, 0, new byte[] {2}).build(),
                    WriteBatch.builder().append(B, 1, new byte[] {2}).build()));

            assertEquals(List.of(new SequenceConflict(A, 0, 1), new SequenceConflict(B, 1, 0)), results);
            assertEquals(1, entries(store, A).size());
            assertEquals(List.of(A), store.listStreams(""));
        }
    }

    @Test
    void groupGuardedByMoreFencesThanOneStatementReadsChecksEveryGuard(@TempDir Path dir) {
        int writers = 150;
        try (Store store = open(dir)) {
            for (int i = 0; i < writers; i++) {
                assertTrue(store.apply(WriteBatch.builder()
                        .setFence(new Fence("f" + i, "w" + i, 1, "", 10), 0).build()).isCommitted());
            }
            List<WriteBatch> group = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                // every 7th writer is stale (epoch 2 is not the fence's), one names a fence that does not exist
                String fence = i == 100 ? "absent" : "f" + i;
                long epoch = i % 7 == 3 ? 2 : 1;
                group.add(WriteBatch.builder().guardFence(fence, epoch)
                        .append(StreamId.of("s" + i), 0, new byte[] {(byte) i}).build());
            }

            List<WriteResult> results = store.applyAll(group);

            for (int i = 0; i < writers; i++) {
                WriteResult expected = i == 100 ? new FencedOut("absent", 1, 0, "")
                        : i % 7 == 3 ? new FencedOut("f" + i, 2, 1, "w" + i) : WriteResult.committed();
                assertEquals(expected, results.get(i), "writer " + i);
                assertEquals(expected.isCommitted() ? 1 : 0, store.journalHead(StreamId.of("s" + i)), "writer " + i);
            }
        }
    }

    private static Store open(Path dir) {
        return new SqliteStoreProvider().open(StoreSpec.parse("sqlite:" + dir.resolve("group.db")));
    }

    private static List<Entry> entries(Store store, StreamId stream) {
        try (Stream<Entry> s = store.readJournal(stream, 1, Long.MAX_VALUE, 100)) {
            return s.toList();
        }
    }
}
