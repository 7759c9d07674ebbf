package dev.steadfast.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import dev.steadfast.backend.encryptedfile.EncryptedFileStoreProvider;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real backends' own meters through a registry: SQLite's lock waits and WAL backlog, H2's file size, the encrypted
 * file's files.
 */
class BackendMetricsTest {
    private static final StreamId STREAM = StreamId.of("orders");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void sqliteWalBacklogIsAGaugeAndAWaitForAnotherConnectionsLockIsTimed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.db");
        try (Steadfast steadfast = Steadfast.builder().listener(new SteadfastMetrics(registry))
                .open("sqlite:" + file); Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = other.createStatement()) {
            assertTrue(steadfast.store().apply(append(0)).isCommitted());
            double backlog = registry.get("steadfast.store.wal.size").gauge().value();
            // the frames, without the WAL file's 32-byte header: nothing was checkpointed yet
            assertEquals((double) Files.size(dir.resolve("app.db-wal")) - 32, backlog);
            s.execute("PRAGMA wal_checkpoint(PASSIVE)");
            assertEquals(0.0, registry.get("steadfast.store.wal.size").gauge().value(), "checkpointed");
            assertEquals(0, registry.get("steadfast.store.lock.waits").tag("lock", "database").timer().count());
            s.execute("BEGIN IMMEDIATE");
            AtomicReference<Thread> writer = new AtomicReference<>();
            CompletableFuture<WriteResult> write = CompletableFuture.supplyAsync(() -> {
                writer.set(Thread.currentThread());
                return steadfast.store().apply(append(1));
            });
            StoreMetricsTest.awaitValue(() -> inBusyHandler(writer.get()) ? 1 : 0, 1);
            s.execute("COMMIT");
            assertTrue(write.get(30, TimeUnit.SECONDS).isCommitted());
        }
        var databaseWaits = registry.get("steadfast.store.lock.waits").tag("lock", "database").timer();
        assertEquals(1, databaseWaits.count());
        assertTrue(databaseWaits.totalTime(TimeUnit.NANOSECONDS) > 0);
        assertEquals(0, registry.get("steadfast.store.lock.waits").tag("lock", "process").timer().count(),
                "one writer in this process: it never queued on the process's writer lock");
    }

    @Test
    void h2FileSizeIsAGaugeThatFollowsTheFileAndGoesWithTheStore(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.mv.db");
        try (Steadfast steadfast = Steadfast.builder().listener(new SteadfastMetrics(registry))
                .open("h2:" + dir.resolve("app"))) {
            double before = registry.get("steadfast.store.file.size").gauge().value();
            assertTrue(steadfast.store().apply(WriteBatch.of(new WriteOp.Append(STREAM, 0,
                    List.of(new byte[256 * 1024])))).isCommitted());
            double after = registry.get("steadfast.store.file.size").gauge().value();
            assertEquals((double) Files.size(file), after);
            assertTrue(after > before, before + " -> " + after);
            assertTrue(registry.find("steadfast.store.wal.size").gauges().isEmpty(), "H2 has no WAL gauge");
        }
        assertTrue(registry.find("steadfast.store.file.size").gauges().isEmpty(), "a closed store's gauge goes");
    }

    @Test
    void encryptedFileBytesWrittenSegmentRollsAndCompactionsAreCounted(@TempDir Path dir) {
        String uri = "encrypted-file:" + dir.resolve("vault") + "?keyset=" + dir.resolve("k.json")
                + "&createKeyset=true&segmentBytes=4096";
        Store raw = new EncryptedFileStoreProvider().open(StoreSpec.parse(uri)); // compact needs the backend's own
        try (Steadfast steadfast = Steadfast.builder().listener(new SteadfastMetrics(registry)).wrap(raw)) {
            for (int i = 0; i < 60; i++) {
                assertTrue(steadfast.store().apply(append(i)).isCommitted());
            }
            EncryptedFileStoreProvider.compact(raw);
        }
        double written = registry.get("steadfast.store.bytes.written").counter().count();
        assertTrue(written > 60 * 64, "60 sealed appends of 64 bytes, framed, wrote only " + written);
        assertTrue(registry.get("steadfast.store.segment.rolls").counter().count() >= 1);
        assertEquals(1, registry.get("steadfast.store.compactions").timer().count());
        assertEquals(1, registry.get("steadfast.store.compaction.reclaimed").summary().count());
    }

    private static boolean inBusyHandler(Thread t) {
        return t != null && Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().endsWith(".BusyWait"));
    }

    private static WriteBatch append(long head) {
        return WriteBatch.of(new WriteOp.Append(STREAM, head, List.of(new byte[64])));
    }
}
