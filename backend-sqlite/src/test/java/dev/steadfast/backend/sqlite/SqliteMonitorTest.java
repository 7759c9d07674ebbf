package dev.steadfast.backend.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.StoreEvent;
import dev.steadfast.spi.StoreGauge;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreIOException;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.tck.RecordingMonitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the SQLite store reports to a monitor: waits for another connection's write lock, and its WAL's size. */
class SqliteMonitorTest {
    @TempDir
    Path dir;

    @Test
    void aWriteThatWaitedForAnotherConnectionsLockReportsTheWait() throws Exception {
        Path file = dir.resolve("a.db");
        RecordingMonitor monitor = new RecordingMonitor();
        try (Store store = open(file, ""); Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = other.createStatement()) {
            store.monitor(monitor);
            assertTrue(store.apply(append(0)).isCommitted());
            assertEquals(List.of(), monitor.events(StoreEvent.LockWaited.class), "no wait without contention");
            s.execute("BEGIN IMMEDIATE");
            Thread[] writer = new Thread[1];
            CompletableFuture<WriteResult> write = CompletableFuture.supplyAsync(() -> {
                writer[0] = Thread.currentThread();
                return store.apply(append(1));
            });
            awaitBusyWaiting(() -> writer[0]);
            s.execute("COMMIT");
            assertTrue(write.get(30, TimeUnit.SECONDS).isCommitted());
        }
        List<StoreEvent.LockWaited> waits = monitor.events(StoreEvent.LockWaited.class);
        assertEquals(1, waits.size(), waits::toString);
        assertEquals(StoreEvent.LockWaited.Scope.DATABASE, waits.get(0).scope());
        assertTrue(waits.get(0).nanos() > 0);
    }

    @Test
    void aWriteQueuedBehindAnotherStoreOfTheSameFileReportsItsWaitOnTheProcesssLockNotABusyWait()
            throws Exception {
        Path file = dir.resolve("shared.db");
        RecordingMonitor monitor = QueuedWriter.behindAPausedCommit(
                around -> new SqliteStoreProvider().open(StoreSpec.parse("sqlite:" + file), around),
                (ReentrantLock) WriterLocks.of(file));
        List<StoreEvent.LockWaited> waits = monitor.events(StoreEvent.LockWaited.class);
        assertEquals(1, waits.size(), "queued in the process, the stores never meet in SQLite's busy handler: "
                + waits);
        assertEquals(StoreEvent.LockWaited.Scope.PROCESS, waits.get(0).scope());
        assertTrue(waits.get(0).nanos() > 0, waits::toString);
    }

    @Test
    void aWriteThatGivesUpAfterTheBusyTimeoutReportsHowLongItWaited() throws Exception {
        Path file = dir.resolve("a.db");
        RecordingMonitor monitor = new RecordingMonitor();
        try (Store store = open(file, "?busyTimeoutMs=50");
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = other.createStatement()) {
            store.monitor(monitor);
            assertTrue(store.apply(append(0)).isCommitted());
            s.execute("BEGIN IMMEDIATE");
            assertThrows(StoreIOException.class, () -> store.apply(append(1)));
            s.execute("ROLLBACK");
            assertEquals(1, store.journalHead(StreamId.of("orders")));
        }
        List<StoreEvent.LockWaited> waits = monitor.events(StoreEvent.LockWaited.class);
        assertEquals(1, waits.size(), waits::toString);
        assertTrue(waits.get(0).nanos() >= TimeUnit.MILLISECONDS.toNanos(50), waits::toString);
    }

    @Test
    void walGaugeIsTheBacklogNotYetCheckpointedAndDropsToZeroAfterACheckpoint() throws Exception {
        Path file = dir.resolve("a.db");
        Path walFile = dir.resolve("a.db-wal");
        RecordingMonitor monitor = new RecordingMonitor();
        try (Store store = open(file, ""); Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = other.createStatement()) {
            store.monitor(monitor);
            for (int i = 0; i < 20; i++) {
                assertTrue(store.apply(append(i)).isCommitted());
            }
            long frameBytes = pragma(s, "PRAGMA page_size", 1) + 24;
            long backlog = monitor.read(StoreGauge.WAL_BYTES).orElseThrow();
            assertTrue(backlog > 0 && backlog <= Files.size(walFile), backlog + " of " + Files.size(walFile));

            long frames = pragma(s, "PRAGMA wal_checkpoint(PASSIVE)", 2);
            assertEquals(frames * frameBytes, backlog, "every frame in the WAL was waiting for the checkpoint");
            long fileAfterCheckpoint = Files.size(walFile);
            assertTrue(fileAfterCheckpoint >= backlog, "the checkpoint leaves the file's size as it was");
            assertEquals(0, monitor.read(StoreGauge.WAL_BYTES).orElseThrow(), "checkpointed: no backlog");

            assertTrue(store.apply(append(20)).isCommitted());
            long afterOneMore = monitor.read(StoreGauge.WAL_BYTES).orElseThrow();
            assertTrue(afterOneMore > 0 && afterOneMore < backlog,
                    "one write after the checkpoint: the WAL restarted from its start (" + afterOneMore + " < "
                            + backlog + "), while the file stays " + Files.size(walFile));
            assertEquals(fileAfterCheckpoint, Files.size(walFile));
        }
    }

    /**
     * The OS file locks SQLite takes on the WAL index ({@code -shm}) belong to the process, and closing any
     * descriptor of that file drops them all. The gauge opened and closed the file on every reading: while this
     * process held the write lock, another process could then write too, and this process's commit wrote its WAL
     * frames over that process's acknowledged commit.
     */
    @Test
    void readingTheWalGaugeLeavesThisProcesssWriteLockInPlace() throws Exception {
        Path file = dir.resolve("gauge.db");
        RecordingMonitor monitor = new RecordingMonitor();
        try (Store store = open(file, ""); Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = other.createStatement()) {
            store.monitor(monitor);
            assertTrue(store.apply(append(0)).isCommitted());
            s.execute("BEGIN IMMEDIATE");
            s.execute("INSERT INTO records (namespace, record_key, record_value) VALUES ('n', x'01', x'01')");
            for (int i = 0; i < 3; i++) {
                monitor.read(StoreGauge.WAL_BYTES).orElseThrow();
            }
            try (ChildJvm child = ChildJvm.start(OneAppend.class, List.of(),
                    "sqlite:" + file + "?busyTimeoutMs=0", "orders")) {
                String answer = child.nextLine(java.time.Duration.ofSeconds(60));
                assertTrue(answer.startsWith("REFUSED"), "another process wrote while this one held the write lock: "
                        + answer);
            }
            s.execute("COMMIT");
            assertEquals(1, store.journalHead(StreamId.of("orders")));
        }
    }

    /** Column {@code column} of the single row {@code sql} returns. */
    private static long pragma(Statement s, String sql, int column) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getLong(column);
        }
    }

    private static Store open(Path file, String options) {
        return new SqliteStoreProvider().open(StoreSpec.parse("sqlite:" + file + options));
    }

    private static WriteBatch append(long head) {
        return WriteBatch.of(new WriteOp.Append(StreamId.of("orders"), head, List.of(new byte[] {1, 2, 3})));
    }

    /** Until {@code thread} sleeps in the busy handler: the lock holder may then let go. */
    static void awaitBusyWaiting(java.util.function.Supplier<Thread> thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Thread t = thread.get();
            if (t != null && Arrays.stream(t.getStackTrace())
                    .anyMatch(f -> f.getClassName().equals(BusyWait.class.getName()))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the write never waited in the busy handler");
            }
            LockSupport.parkNanos(1_000_000L); // polls a condition; no timing is asserted
        }
    }
}
