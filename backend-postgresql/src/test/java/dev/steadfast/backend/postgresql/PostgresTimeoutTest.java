package dev.steadfast.backend.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreIOException;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** A write stuck behind another transaction's row lock gives up after the configured statement timeout. */
class PostgresTimeoutTest {

    @Test
    void writeBlockedLongerThanTheStatementTimeoutFailsCleanlyAndWritesNothing() throws Exception {
        String schema = PgStores.freshSchema("timeout");
        StreamId stream = StreamId.of("held");
        try (Store store = PgStores.open(schema, "&statementTimeoutMs=400");
             Connection holder = PostgresServer.shared().connect()) {
            assertTrue(store.apply(WriteBatch.builder().append(stream, 0, new byte[] {1}).build()).isCommitted());
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("SELECT head FROM " + schema + ".streams WHERE stream = 'held' FOR UPDATE");
            }
            long start = System.nanoTime();
            StoreIOException e = assertThrows(StoreIOException.class,
                    () -> store.apply(WriteBatch.builder().append(stream, 1, new byte[] {2}).build()));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            holder.rollback();

            assertTrue(tookMs >= 300 && tookMs < 10_000, "gave up after " + tookMs + " ms");
            assertTrue(e.getMessage().contains("57014"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            assertEquals(1, store.journalHead(stream));
            assertTrue(store.apply(WriteBatch.builder().append(stream, 1, new byte[] {2}).build()).isCommitted());
        }
    }
}
