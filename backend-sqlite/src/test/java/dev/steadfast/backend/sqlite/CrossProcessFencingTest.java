package dev.steadfast.backend.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs on one SQLite file: A writes under epoch 1 in a tight loop, B takes the fence at epoch 2 while A is
 * writing. A's next write is refused with FencedOut, and nothing of A's lands after B's takeover.
 */
class CrossProcessFencingTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void staleOwnerInAnotherProcessIsFencedOutAndNothingOfItLandsAfterTheTakeover() throws Exception {
        String uri = "sqlite:" + dir.resolve("shared.db");
        int before = 5 + new Random().nextInt(40);
        try (ChildJvm a = ChildJvm.start(FenceContender.class, List.of(), uri, "A");
             ChildJvm b = ChildJvm.start(FenceContender.class, List.of(), uri, "B")) {
            assertEquals("ready", a.nextLine(WAIT));
            assertEquals("ready", b.nextLine(WAIT));
            a.send("take 1");
            assertEquals("took 1 at 1", a.nextLine(WAIT));
            a.send("write 1");
            for (int i = 0; i < before; i++) {
                assertTrue(a.nextLine(WAIT).startsWith("wrote "));
            }
            b.send("take 2");
            String took = b.nextLine(WAIT);
            assertTrue(took.startsWith("took 2 at "), took);
            long takeover = Long.parseLong(took.substring("took 2 at ".length()));

            long lastOfA = 0;
            String line;
            while ((line = a.nextLine(WAIT)).startsWith("wrote ")) {
                lastOfA = Long.parseLong(line.substring("wrote ".length()));
            }
            assertEquals("fenced 2 B", line, "A is told who holds the fence now");
            assertTrue(lastOfA < takeover, "A's last acknowledged write " + lastOfA + " is before B's takeover "
                    + takeover);

            b.send("write 2");
            assertEquals("wrote " + (takeover + 1), b.nextLine(WAIT));
        }
        try (Store store = new SqliteStoreProvider().open(StoreSpec.parse(uri));
             Stream<Entry> entries = store.readJournal(FenceContender.STREAM, 1)) {
            List<String> texts = entries.map(e -> new String(e.payload(), StandardCharsets.UTF_8)).toList();
            int takeoverIndex = texts.indexOf("B took 2");
            assertTrue(takeoverIndex > before, "B took over after A's writes: " + takeoverIndex);
            assertTrue(texts.subList(takeoverIndex, texts.size()).stream().noneMatch(t -> t.startsWith("A ")),
                    "no entry of A after B's takeover");
            assertEquals(2, store.readFence(FenceContender.FENCE).orElseThrow().epoch());
        }
    }
}
