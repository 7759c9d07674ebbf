package dev.steadfast.backend.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreBusyException;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.WriteBatch;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write held off by a connection outside the store (another process on a SQLite file, a raw connection to an H2
 * database) past the store's busy timeout fails with {@link StoreBusyException}: typed as a wait that ran out, with
 * nothing written, so a caller retries rather than treating the store as broken; the same batch commits once the
 * other connection lets go.
 */
class BusyFaultTest {
    private static final WriteBatch TAKEOVER = WriteBatch.builder().setFence(new Fence("f", "b", 2, "", 0), 1).build();

    @TempDir
    Path dir;

    @Test
    void sqliteWriteHeldOffByAnotherProcessPastTheBusyTimeoutIsARetryableBusyFault() throws Exception {
        Path file = dir.resolve("busy.db");
        try (Store store = new SqliteStoreProvider().open(StoreSpec.parse("sqlite:" + file + "?busyTimeoutMs=50"));
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = other.createStatement()) {
            assertHeldOffThenCommits(store, () -> s.execute("BEGIN IMMEDIATE"), () -> s.execute("ROLLBACK"));
        }
    }

    @Test
    void h2WriteHeldOffByAnotherConnectionsRowLockPastTheTimeoutIsARetryableBusyFault() throws Exception {
        Path base = dir.resolve("busy");
        try (Store store = new H2StoreProvider().open(StoreSpec.parse("h2:" + base + "?busyTimeoutMs=50"));
             Connection other = DriverManager.getConnection("jdbc:h2:file:" + base.toAbsolutePath());
             Statement s = other.createStatement()) {
            assertHeldOffThenCommits(store, () -> {
                other.setAutoCommit(false);
                s.executeQuery("SELECT epoch FROM fences WHERE name = 'f' FOR UPDATE").close();
            }, other::rollback);
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void assertHeldOffThenCommits(Store store, Step hold, Step letGo) throws Exception {
        assertTrue(store.apply(WriteBatch.builder().setFence(new Fence("f", "a", 1, "", 0), 0).build()).isCommitted());
        hold.run();
        StoreBusyException e = assertThrows(StoreBusyException.class, () -> store.apply(TAKEOVER));
        assertTrue(e.getMessage().contains("busy timeout") && e.getMessage().contains("nothing was written"),
                e.getMessage());
        letGo.run();
        assertEquals("a", store.readFence("f").orElseThrow().owner(), "the refused write changed nothing");
        assertTrue(store.apply(TAKEOVER).isCommitted(), "the same batch commits once the other lets go");
        assertEquals(2, store.readFence("f").orElseThrow().epoch());
    }
}
