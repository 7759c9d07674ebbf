package dev.steadfast.backend.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
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
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A lone fence-guarded append (a durable session's write) is one auto-committed statement: one round trip, no
 * transaction, counted. When that statement writes nothing (a stale epoch, an absent fence, a head elsewhere, a
 * takeover committing while it waits) the transactional path decides, so the result is exactly what it was.
 */
class PostgresGuardedAppendTest {
    private static final StreamId S = StreamId.of("s");

    private static WriteBatch guarded(long epoch, long head, byte... payload) {
        return WriteBatch.builder().guardFence("owner", epoch).append(S, head, payload).build();
    }

    private static void take(Store store, String owner, long epoch) {
        assertTrue(store.apply(WriteBatch.builder()
                .setFence(new Fence("owner", owner, epoch, "", Long.MAX_VALUE), epoch - 1).build()).isCommitted());
    }

    @Test
    void loneGuardedAppendIsOneStatementAndNoCommitCallNewStreamOrNot() {
        CountingDataSource counting = countingDataSource();
        try (Store store = PostgresStoreProvider.open(counting.dataSource, PgStores.freshSchema("guarded"))) {
            take(store, "a", 1);
            for (long head = 0; head < 3; head++) {
                counting.reset();
                assertTrue(store.apply(guarded(1, head, (byte) head)).isCommitted());
                assertEquals(1, counting.executions.get(), "statements for the append at head " + head);
                assertEquals(0, counting.commits.get(), "commit calls for the append at head " + head);
            }
            assertEquals(3, store.journalHead(S));
        }
    }

    @Test
    void groupOfGuardedAppendsIsOneJdbcBatchAndOneCommitWithoutAFenceReadAndStillSaysWhyForTheMisses() {
        CountingDataSource counting = countingDataSource();
        try (Store store = PostgresStoreProvider.open(counting.dataSource, PgStores.freshSchema("guarded"))) {
            List<WriteBatch> group = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String fence = "f" + (7 - i); // not in name order: the store sorts the statements itself
                assertTrue(store.apply(WriteBatch.builder()
                        .setFence(new Fence(fence, "a", 1, "", Long.MAX_VALUE), 0).build()).isCommitted());
                group.add(WriteBatch.builder().guardFence(fence, 1).append(StreamId.of("s" + i), 0, new byte[] {1})
                        .build());
            }
            counting.reset();
            List<WriteResult> results = store.applyAll(group);
            assertTrue(results.stream().allMatch(WriteResult::isCommitted), results.toString());
            assertEquals(1, counting.executions.get(), "statements for a group of 8 guarded appends");
            assertEquals(1, counting.commits.get(), "commit calls for the group");

            List<WriteResult> next = store.applyAll(List.of(
                    WriteBatch.builder().guardFence("f7", 1).append(StreamId.of("s0"), 1, new byte[] {2}).build(),
                    WriteBatch.builder().guardFence("f6", 2).append(StreamId.of("s1"), 1, new byte[] {2}).build(),
                    WriteBatch.builder().guardFence("f5", 1).append(StreamId.of("s2"), 5, new byte[] {2}).build(),
                    WriteBatch.builder().guardFence("nobody", 1).append(StreamId.of("s3"), 1, new byte[] {2}).build()));
            assertEquals(List.of(WriteResult.committed(), new FencedOut("f6", 2, 1, "a"),
                    new SequenceConflict(StreamId.of("s2"), 5, 1), new FencedOut("nobody", 1, 0, "")), next);
            assertEquals(List.of(2L, 1L, 1L, 1L), Stream.of("s0", "s1", "s2", "s3")
                    .map(s -> store.journalHead(StreamId.of(s))).toList());
        }
    }

    @Test
    void loneGuardedAppendUnderAStaleOrAbsentFenceOrAtAnotherHeadWritesNothingAndSaysWhy() {
        String schema = PgStores.freshSchema("guarded");
        try (Store store = PgStores.open(schema)) {
            assertEquals(new FencedOut("owner", 1, 0, ""), store.apply(guarded(1, 0, (byte) 1)));
            take(store, "a", 1);
            assertTrue(store.apply(guarded(1, 0, (byte) 1)).isCommitted());
            assertEquals(new SequenceConflict(S, 0, 1), store.apply(guarded(1, 0, (byte) 2)));
            take(store, "b", 2);
            assertEquals(new FencedOut("owner", 1, 2, "b"), store.apply(guarded(1, 1, (byte) 2)));
            assertTrue(store.apply(guarded(2, 1, (byte) 3)).isCommitted());
            assertEquals(2, store.journalHead(S));
        }
    }

    @Test
    void loneGuardedAppendWaitingOnAnUncommittedTakeoverIsFencedOutAndWritesNothing() throws Exception {
        String schema = PgStores.freshSchema("guarded");
        try (Store store = PgStores.open(schema); Connection other = otherWriter(schema)) {
            take(store, "a", 1);
            assertTrue(store.apply(guarded(1, 0, (byte) 1)).isCommitted());
            run(other, "UPDATE fences SET epoch = 2, owner = 'b' WHERE name = 'owner'");

            CompletableFuture<WriteResult> append = CompletableFuture.supplyAsync(() -> store.apply(
                    guarded(1, 1, (byte) 2)));
            LockWaits.awaitOneWaiter();
            other.commit();

            assertEquals(new FencedOut("owner", 1, 2, "b"), append.get(30, TimeUnit.SECONDS));
            assertEquals(1, store.journalHead(S));
        }
    }

    @Test
    void takeoverWaitsUntilALoneGuardedAppendHoldingTheFenceHasCommitted() throws Exception {
        String schema = PgStores.freshSchema("guarded");
        try (Store store = PgStores.open(schema); Connection other = otherWriter(schema)) {
            take(store, "a", 1);
            // creates the head row uncommitted: the guarded append locks the fence, then waits on that row
            run(other, "INSERT INTO streams (stream, head) VALUES ('s', 0) ON CONFLICT DO NOTHING");
            CompletableFuture<WriteResult> append = CompletableFuture.supplyAsync(() -> store.apply(
                    guarded(1, 0, (byte) 1)));
            LockWaits.awaitOneWaiter();
            CompletableFuture<WriteResult> takeover = CompletableFuture.supplyAsync(() -> store.apply(
                    WriteBatch.builder().setFence(new Fence("owner", "b", 2, "", Long.MAX_VALUE), 1).build()));
            LockWaits.awaitWaiters(2);
            other.commit();

            assertTrue(append.get(30, TimeUnit.SECONDS).isCommitted());
            assertTrue(takeover.get(30, TimeUnit.SECONDS).isCommitted());
            assertEquals(1, store.journalHead(S));
            assertEquals(List.of(S), store.listStreams(""));
        }
    }

    private static CountingDataSource countingDataSource() {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl(PostgresServer.shared().jdbcUrl(PostgresServer.DATABASE));
        return new CountingDataSource(pg);
    }

    /** A second connection in a transaction of its own, on {@code schema}; also for other row-lock tests. */
    static Connection otherWriter(String schema) throws SQLException {
        Connection c = PostgresServer.shared().connect();
        c.setAutoCommit(false);
        run(c, "SET search_path TO " + schema);
        return c;
    }

    static void run(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
