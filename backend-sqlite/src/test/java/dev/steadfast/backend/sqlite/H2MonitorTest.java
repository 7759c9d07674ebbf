package dev.steadfast.backend.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreEvent;
import dev.steadfast.spi.StoreGauge;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.tck.RecordingMonitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the H2 store reports to a monitor: its waits for the database's writer lock, which every store of the
 * database in this process shares, and its database file's size, for file stores only.
 */
class H2MonitorTest {
    @TempDir
    Path dir;

    @Test
    void aFileStoreOffersItsDatabaseFilesSizeWhichGrowsWithCommits() throws Exception {
        Path file = dir.resolve("app.mv.db");
        RecordingMonitor monitor = new RecordingMonitor();
        try (Store store = new H2StoreProvider().open(StoreSpec.parse("h2:" + dir.resolve("app")))) {
            store.monitor(monitor);
            long before = monitor.read(StoreGauge.FILE_BYTES).orElseThrow();
            assertEquals(Files.size(file), before);
            byte[] payload = new byte[512 * 1024];
            new Random(7).nextBytes(payload); // incompressible, so H2 must write all of it
            assertTrue(store.apply(WriteBatch.builder().append(StreamId.of("s"), 0, payload).build()).isCommitted());
            long after = monitor.read(StoreGauge.FILE_BYTES).orElseThrow();
            assertEquals(Files.size(file), after);
            assertTrue(after >= before + payload.length, before + " -> " + after);
            assertEquals(OptionalLong.empty(), monitor.read(StoreGauge.WAL_BYTES), "H2 has no WAL to report");
        }
    }

    @Test
    void aWriteQueuedBehindAnotherStoreOfTheSameFileReportsItsWaitOnTheProcesssLock() throws Exception {
        String spec = "h2:" + dir.resolve("shared") + "?busyTimeoutMs=60000";
        ReentrantLock shared = (ReentrantLock) WriterLocks.ofH2(dir.resolve("shared.mv.db"));
        RecordingMonitor monitor = QueuedWriter.behindAPausedCommit(
                around -> new H2StoreProvider().open(StoreSpec.parse(spec), around), shared);
        List<StoreEvent.LockWaited> waits = monitor.events(StoreEvent.LockWaited.class);
        assertEquals(1, waits.size(), waits::toString);
        assertEquals(StoreEvent.LockWaited.Scope.PROCESS, waits.get(0).scope());
        assertTrue(waits.get(0).nanos() > 0, waits::toString);
    }

    @Test
    void aWriteQueuedBehindAnotherStoreOfTheSameInMemoryDatabaseReportsItsWaitToo() throws Exception {
        String name = "queued-" + System.nanoTime();
        ReentrantLock shared = (ReentrantLock) WriterLocks.ofMemory(name);
        RecordingMonitor monitor = QueuedWriter.behindAPausedCommit(around -> new H2StoreProvider().open(
                StoreSpec.parse("h2:mem:" + name + "?busyTimeoutMs=60000"), around), shared);
        List<StoreEvent.LockWaited> waits = monitor.events(StoreEvent.LockWaited.class);
        assertEquals(1, waits.size(), waits::toString);
        assertEquals(StoreEvent.LockWaited.Scope.PROCESS, waits.get(0).scope());
    }

    @Test
    void anInMemoryStoreOffersNoFileSize() {
        RecordingMonitor monitor = new RecordingMonitor();
        try (Store store = new H2StoreProvider().open(StoreSpec.parse("h2:mem:monitor-" + System.nanoTime()))) {
            store.monitor(monitor);
            assertEquals(OptionalLong.empty(), monitor.read(StoreGauge.FILE_BYTES));
        }
    }
}
