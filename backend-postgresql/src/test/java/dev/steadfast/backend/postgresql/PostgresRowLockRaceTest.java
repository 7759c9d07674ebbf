package dev.steadfast.backend.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The races that decide the isolation design (see PostgresDialect): another transaction has changed a stream head
 * or fence row and not committed yet when the store's write reads it. Under READ COMMITTED with row locks the
 * store's write waits and then sees the committed change. With a plain SELECT it would read the old row without
 * waiting: the append would fail with a raw duplicate key, and the guarded write would land after the takeover.
 */
class PostgresRowLockRaceTest {
    private static final StreamId STREAM = StreamId.of("raced");

    @Test
    void appendWaitingOnAnUncommittedAppendReportsSequenceConflictNotADuplicateKey() throws Exception {
        String schema = PgStores.freshSchema("race");
        try (Store store = PgStores.open(schema); Connection other = otherWriter(schema)) {
            assertTrue(store.apply(WriteBatch.builder().append(STREAM, 0, new byte[] {1}).build()).isCommitted());
            run(other, "UPDATE streams SET head = 2 WHERE stream = 'raced'",
                    "INSERT INTO journal (stream, seq, payload) VALUES ('raced', 2, '\\x02')");

            CompletableFuture<WriteResult> append = CompletableFuture.supplyAsync(() -> store.apply(
                    WriteBatch.builder().append(STREAM, 1, new byte[] {3}).build()));
            LockWaits.awaitOneWaiter();
            other.commit();

            assertEquals(new SequenceConflict(STREAM, 1, 2), append.get(30, TimeUnit.SECONDS));
            assertEquals(2, store.journalHead(STREAM));
        }
    }

    @Test
    void writeGuardedByAFenceWaitingOnAnUncommittedTakeoverIsFencedOutAndLandsNothing() throws Exception {
        String schema = PgStores.freshSchema("race");
        try (Store store = PgStores.open(schema); Connection other = otherWriter(schema)) {
            assertTrue(store.apply(WriteBatch.builder()
                    .setFence(new Fence("leader", "a", 1, "", Long.MAX_VALUE), 0).build()).isCommitted());
            run(other, "UPDATE fences SET epoch = 2, owner = 'b' WHERE name = 'leader'");

            CompletableFuture<WriteResult> stale = CompletableFuture.supplyAsync(() -> store.apply(
                    WriteBatch.builder().guardFence("leader", 1)
                            .putRecord("state", RecordKey.of("k"), new byte[] {9}).build()));
            LockWaits.awaitOneWaiter();
            other.commit();

            assertEquals(new FencedOut("leader", 1, 2, "b"), stale.get(30, TimeUnit.SECONDS));
            assertTrue(store.getRecord("state", RecordKey.of("k")).isEmpty());
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
