package dev.steadfast.backend.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay streams: a journal about four times larger than the reader's whole heap is read back in a child JVM
 * with {@code -Xmx24m}. Materialising it would fail with OutOfMemoryError; streaming keeps one fetch window.
 * Scale with {@code -Dsteadfast.replay.entries=1000000}.
 */
class SqliteReplayTest {
    @TempDir
    Path dir;

    @Test
    void journalLargerThanTheHeapReplaysInASmallHeapChildJvm() throws Exception {
        int entries = Integer.getInteger("steadfast.replay.entries", 200_000);
        int size = 512;
        StreamId stream = StreamId.of("replay/big");
        String uri = "sqlite:" + dir.resolve("replay.db") + "?synchronous=normal";
        try (Store store = new SqliteStoreProvider().open(StoreSpec.parse(uri))) {
            int perBatch = 5_000;
            for (long head = 0; head < entries; head += perBatch) {
                List<byte[]> payloads = new ArrayList<>(perBatch);
                for (int i = 0; i < perBatch && head + i < entries; i++) {
                    payloads.add(new byte[size]);
                }
                store.apply(WriteBatch.builder().append(stream, head, payloads).build());
            }
        }
        try (ChildJvm child = ChildJvm.start(ReplayReader.class, List.of("-Xmx24m", "-XX:TieredStopAtLevel=1"),
                uri, stream.value())) {
            assertEquals("replayed " + entries, child.nextLine(Duration.ofSeconds(60)));
            assertEquals(0, child.waitForExit(Duration.ofSeconds(30)));
        }
    }
}
