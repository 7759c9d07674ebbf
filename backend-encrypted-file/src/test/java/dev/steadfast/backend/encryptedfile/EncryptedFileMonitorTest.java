package dev.steadfast.backend.encryptedfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreEvent;
import dev.steadfast.tck.RecordingMonitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the encrypted-file store reports to a monitor: bytes each commit wrote, segment rolls, compactions. */
class EncryptedFileMonitorTest {
    @TempDir
    Path dir;

    @Test
    void eachCommitReportsTheBytesItAddedToTheSegment() {
        RecordingMonitor monitor = new RecordingMonitor();
        try (Store store = Vaults.open(dir.resolve("vault"), dir.resolve("k.json"), 1 << 20)) {
            store.monitor(monitor);
            long before = segmentBytes(dir.resolve("vault"));
            Vaults.fill(store, 3, "monitor");
            long written = monitor.events(StoreEvent.BytesWritten.class).stream()
                    .mapToLong(StoreEvent.BytesWritten::bytes).sum();
            assertEquals(3, monitor.events(StoreEvent.BytesWritten.class).size());
            assertEquals(segmentBytes(dir.resolve("vault")) - before, written);
            assertEquals(List.of(), monitor.events(StoreEvent.SegmentRolled.class));
        }
    }

    @Test
    void aSegmentReachingItsSizeIsRolledAndReported() {
        RecordingMonitor monitor = new RecordingMonitor();
        Path vault = dir.resolve("vault");
        try (Store store = Vaults.open(vault, dir.resolve("k.json"), 4096)) {
            store.monitor(monitor);
            int segments = Vaults.segments(vault).size();
            Vaults.fill(store, 60, "monitor");
            List<StoreEvent.SegmentRolled> rolls = monitor.events(StoreEvent.SegmentRolled.class);
            assertEquals(Vaults.segments(vault).size() - segments, rolls.size());
            assertTrue(rolls.size() >= 1, "60 batches should fill a 4 KiB segment");
            rolls.forEach(r -> assertTrue(r.sealedBytes() >= 4096, r::toString));
        }
    }

    @Test
    void aCompactionReportsTheFilesSizeBeforeAndAfterAndItsDuration() {
        RecordingMonitor monitor = new RecordingMonitor();
        Path vault = dir.resolve("vault");
        try (Store store = Vaults.open(vault, dir.resolve("k.json"), 4096)) {
            Vaults.fill(store, 60, "monitor");
            long before = segmentBytes(vault);
            store.monitor(monitor);
            EncryptedFileStoreProvider.compact(store);
            List<StoreEvent.Compacted> compactions = monitor.events(StoreEvent.Compacted.class);
            assertEquals(1, compactions.size());
            StoreEvent.Compacted c = compactions.get(0);
            assertEquals(before, c.bytesBefore());
            assertEquals(segmentBytes(vault), c.bytesAfter());
            assertTrue(c.nanos() > 0);
        }
    }

    private static long segmentBytes(Path vault) {
        return Vaults.segments(vault).stream().mapToLong(p -> {
            try {
                return Files.size(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).sum();
    }
}
