package dev.steadfast.backend.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreGauge;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.tck.RecordingMonitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the H2 store reports to a monitor: its database file's size, for file stores only. */
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
    void anInMemoryStoreOffersNoFileSize() {
        RecordingMonitor monitor = new RecordingMonitor();
        try (Store store = new H2StoreProvider().open(StoreSpec.parse("h2:mem:monitor-" + System.nanoTime()))) {
            store.monitor(monitor);
            assertEquals(OptionalLong.empty(), monitor.read(StoreGauge.FILE_BYTES));
        }
    }
}
