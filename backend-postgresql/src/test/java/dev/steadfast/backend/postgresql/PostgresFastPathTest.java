package dev.steadfast.backend.postgresql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The one-statement paths (auto-committed lone append or fence change, a group of independent appends, fenced or
 * not, as one JDBC batch) against the cases where the statement writes nothing: a conflict, a row another transaction is creating
 * or changing, a placeholder head left by a guard. Each must end exactly as the transactional path would.
 */
class PostgresFastPathTest {
    private static final StreamId FRESH = StreamId.of("fresh");

    @Test
    void loneAppendToANewStreamWaitingOnAnUncommittedCreationReportsSequenceConflict() throws Exception {
        String schema = PgStores.freshSchema("fast");
        try (Store store = PgStores.open(schema); Connection other = otherWriter(schema)) {
            run(other, "INSERT INTO streams (stream, head) VALUES ('fresh', 1)",
                    "INSERT INTO journal (stream, seq, payload) VALUES ('fresh', 1, '\\x01')");

            CompletableFuture<WriteResult> append = CompletableFuture.supplyAsync(() -> store.apply(
                    WriteBatch.builder().append(FRESH, 0, new byte[] {2}).build()));
            LockWaits.awaitOneWaiter();
            other.commit();

            assertEquals(new SequenceConflict(FRESH, 0, 1), append.get(30, TimeUnit.SECONDS));
            assertArrayEquals(new byte[] {1}, entries(store, FRESH).get(0).payload());
        }
    }

    @Test
    void loneAppendTakesOverThePlaceholderHeadAGuardLeft() {
        String schema = PgStores.freshSchema("fast");
        try (Store store = PgStores.open(schema)) {
            assertTrue(store.apply(WriteBatch.builder().guardJournal(FRESH, 0)
                    .putRecord("ns", RecordKey.of("k"), new byte[] {1}).build()).isCommitted());
            assertEquals(List.of(), store.listStreams(""));

            assertTrue(store.apply(WriteBatch.builder().append(FRESH, 0, new byte[] {7}, new byte[] {8}).build())
                    .isCommitted());

            assertEquals(2, store.journalHead(FRESH));
            assertEquals(List.of(FRESH), store.listStreams(""));
            assertEquals(List.of(1L, 2L), entries(store, FRESH).stream().map(Entry::sequence).toList());
        }
    }

    @Test
    void groupOfIndependentAppendsReportsEachConflictAndAppliesTheRest() {
        String schema = PgStores.freshSchema("fast");
        StreamId a = StreamId.of("a");
        StreamId b = StreamId.of("b");
        StreamId c = StreamId.of("c");
        try (Store store = PgStores.open(schema)) {
            assertTrue(store.apply(WriteBatch.builder().append(b, 0, new byte[] {1}).build()).isCommitted());
            assertTrue(store.apply(WriteBatch.builder().append(c, 0, new byte[] {1}).build()).isCommitted());

            List<WriteResult> results = store.applyAll(List.of(
                    WriteBatch.builder().append(a, 0, new byte[] {2}).build(),
                    WriteBatch.builder().append(b, 5, new byte[] {2}).build(),
                    WriteBatch.builder().append(c, 1, new byte[] {2}, new byte[] {3}).build(),
                    WriteBatch.builder().append(FRESH, 3, new byte[] {2}).build()));

            assertEquals(List.of(WriteResult.committed(), new SequenceConflict(b, 5, 1), WriteResult.committed(),
                    new SequenceConflict(FRESH, 3, 0)), results);
            assertEquals(List.of(1L, 1L, 3L, 0L), Stream.of(a, b, c, FRESH).map(store::journalHead).toList());
            assertEquals(1, entries(store, b).size());
            assertArrayEquals(new byte[] {3}, entries(store, c).get(2).payload());
            assertEquals(List.of(a, b, c), store.listStreams(""));
        }
    }

    @Test
    void groupWithAnAppendTooLongForOneStatementTakesTheBatchedStepsAndMatchesTheirResults() {
        String schema = PgStores.freshSchema("fast");
        StreamId longer = StreamId.of("longer");
        byte[][] many = new byte[17][];
        for (int i = 0; i < many.length; i++) {
            many[i] = new byte[] {(byte) i};
        }
        try (Store store = PgStores.open(schema)) {
            assertTrue(store.apply(WriteBatch.builder().append(longer, 0, new byte[] {1}).build()).isCommitted());

            List<WriteResult> results = store.applyAll(List.of(
                    WriteBatch.builder().append(longer, 1, many).build(),
                    WriteBatch.builder().append(FRESH, 0, new byte[] {9}).build(),
                    WriteBatch.builder().append(StreamId.of("other"), 2, new byte[] {9}).build()));

            assertEquals(List.of(WriteResult.committed(), WriteResult.committed(),
                    new SequenceConflict(StreamId.of("other"), 2, 0)), results);
            assertEquals(18, store.journalHead(longer));
            assertArrayEquals(new byte[] {16}, entries(store, longer).get(17).payload());
            assertEquals(1, store.journalHead(FRESH));
        }
    }

    @Test
    void groupAppendWaitingOnAnUncommittedAppendReportsSequenceConflictAndTheOthersCommit() throws Exception {
        String schema = PgStores.freshSchema("fast");
        StreamId calm = StreamId.of("calm");
        try (Store store = PgStores.open(schema); Connection other = otherWriter(schema)) {
            assertTrue(store.apply(WriteBatch.builder().append(FRESH, 0, new byte[] {1}).build()).isCommitted());
            run(other, "UPDATE streams SET head = 2 WHERE stream = 'fresh'",
                    "INSERT INTO journal (stream, seq, payload) VALUES ('fresh', 2, '\\x02')");

            CompletableFuture<List<WriteResult>> group = CompletableFuture.supplyAsync(() -> store.applyAll(List.of(
                    WriteBatch.builder().append(calm, 0, new byte[] {5}).build(),
                    WriteBatch.builder().append(FRESH, 1, new byte[] {3}).build())));
            LockWaits.awaitOneWaiter();
            other.commit();

            assertEquals(List.of(WriteResult.committed(), new SequenceConflict(FRESH, 1, 2)),
                    group.get(30, TimeUnit.SECONDS));
            assertEquals(1, store.journalHead(calm));
            assertArrayEquals(new byte[] {2}, entries(store, FRESH).get(1).payload());
        }
    }

    @Test
    void loneFenceChangeWaitingOnAnUncommittedTakeoverIsFencedOut() throws Exception {
        String schema = PgStores.freshSchema("fast");
        try (Store store = PgStores.open(schema); Connection other = otherWriter(schema)) {
            assertTrue(store.apply(WriteBatch.builder()
                    .setFence(new Fence("leader", "a", 1, "", 10), 0).build()).isCommitted());
            run(other, "UPDATE fences SET epoch = 2, owner = 'b' WHERE name = 'leader'");

            CompletableFuture<WriteResult> renew = CompletableFuture.supplyAsync(() -> store.apply(
                    WriteBatch.builder().setFence(new Fence("leader", "a", 1, "", 20), 1).build()));
            LockWaits.awaitOneWaiter();
            other.commit();

            assertEquals(new FencedOut("leader", 1, 2, "b"), renew.get(30, TimeUnit.SECONDS));
            assertEquals("b", store.readFence("leader").orElseThrow().owner());
            assertEquals(10, store.readFence("leader").orElseThrow().leaseUntilMillis());
        }
    }

    @Test
    void groupOfFenceGuardedAppendsWaitingOnAnUncommittedTakeoverIsFencedOutAndTheOthersCommit() throws Exception {
        String schema = PgStores.freshSchema("fast");
        StreamId calm = StreamId.of("calm");
        try (Store store = PgStores.open(schema); Connection other = otherWriter(schema)) {
            assertTrue(store.apply(WriteBatch.builder().setFence(new Fence("leader", "a", 1, "", 10), 0)
                    .setFence(new Fence("quiet", "a", 1, "", 10), 0).build()).isCommitted());
            run(other, "UPDATE fences SET epoch = 2, owner = 'b' WHERE name = 'leader'");

            CompletableFuture<List<WriteResult>> group = CompletableFuture.supplyAsync(() -> store.applyAll(List.of(
                    WriteBatch.builder().guardFence("quiet", 1).append(calm, 0, new byte[] {5}).build(),
                    WriteBatch.builder().guardFence("leader", 1).append(FRESH, 0, new byte[] {3}).build())));
            LockWaits.awaitOneWaiter();
            other.commit();

            assertEquals(List.of(WriteResult.committed(), new FencedOut("leader", 1, 2, "b")),
                    group.get(30, TimeUnit.SECONDS));
            assertEquals(1, store.journalHead(calm));
            assertEquals(0, store.journalHead(FRESH));
            assertEquals(List.of(calm), store.listStreams(""));
        }
    }

    private static List<Entry> entries(Store store, StreamId stream) {
        try (Stream<Entry> s = store.readJournal(stream, 1, Long.MAX_VALUE, 100)) {
            return s.toList();
        }
    }

    private static Connection otherWriter(String schema) throws SQLException {
        Connection c = PostgresServer.shared().connect();
        c.setAutoCommit(false);
        run(c, "SET search_path TO " + schema);
        return c;
    }

    private static void run(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }
}
