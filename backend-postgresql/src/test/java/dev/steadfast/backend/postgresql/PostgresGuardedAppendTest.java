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
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
        PostgresServer server = PostgresServer.shared();
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl(server.jdbcUrl(PostgresServer.DATABASE));
        CountingDataSource counting = new CountingDataSource(pg);
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
        try (Store store = PgStores.open(schema); Connection other = PostgresServer.shared().connect()) {
            take(store, "a", 1);
            assertTrue(store.apply(guarded(1, 0, (byte) 1)).isCommitted());
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.execute("SET search_path TO " + schema);
                s.execute("UPDATE fences SET epoch = 2, owner = 'b' WHERE name = 'owner'");
            }

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
        try (Store store = PgStores.open(schema); Connection other = PostgresServer.shared().connect()) {
            take(store, "a", 1);
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.execute("SET search_path TO " + schema);
                // creates the head row uncommitted: the guarded append locks the fence, then waits on that row
                s.execute("INSERT INTO streams (stream, head) VALUES ('s', 0) ON CONFLICT DO NOTHING");
            }
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
}
