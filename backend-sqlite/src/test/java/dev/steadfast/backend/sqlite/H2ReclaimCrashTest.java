package dev.steadfast.backend.sqlite;

import static dev.steadfast.backend.sqlite.CrashReclaimer.KEPT;
import static dev.steadfast.backend.sqlite.CrashReclaimer.PER_ROUND;
import static dev.steadfast.backend.sqlite.CrashReclaimer.PURGED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2's online compaction loses nothing when the process dies in it: a child JVM that keeps writing, purging and
 * compacting ({@link CrashReclaimer}) is killed with SIGKILL right after it says it starts its k-th compaction (k
 * random), three times over; each time the file reopens with every acknowledged kept entry intact, the purged
 * journal empty but for a round the child wrote after its compaction, and a compaction of the reopened file
 * completes and keeps them (its size is only bounded: see {@code assertIntact}).
 */
class H2ReclaimCrashTest {
    private static final int KILLS = 3;

    @TempDir
    Path dir;

    @Test
    void aProcessKilledWhileCompactingLeavesEveryAcknowledgedEntryAndAFileThatStillCompacts() throws Exception {
        long seed = Long.getLong("steadfast.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        String uri = "h2:" + dir.resolve("crash");
        long acknowledged = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            String context = "kill " + kill + ", seed " + seed;
            int compactions = 1 + random.nextInt(3);
            try (ChildJvm child = ChildJvm.start(CrashReclaimer.class, List.of("-XX:TieredStopAtLevel=1"), uri)) {
                assertEquals("ready " + acknowledged, child.nextLine(Duration.ofSeconds(60)), context);
                for (int started = 0; started < compactions; ) {
                    String line = child.nextLine(Duration.ofSeconds(60));
                    if (line.startsWith("kept ")) {
                        acknowledged = Long.parseLong(line.substring(5));
                    } else if (line.startsWith("reclaiming ")) {
                        started++;
                    }
                }
                child.kill();
                List<String> rest = child.remainingLines(Duration.ofSeconds(30));
                for (String line : rest) {
                    if (line.startsWith("kept ")) {
                        acknowledged = Long.parseLong(line.substring(5));
                    }
                }
                // Where the kill fell is up to the scheduler; said so the log shows what the runs covered.
                System.err.println(context + ": killed " + (rest.contains("reclaimed " + compactions)
                        ? "after" : "during") + " compaction " + compactions);
            }
            acknowledged = assertIntact(uri, acknowledged, context);
        }
    }

    /** Returns the kept head found, which the next child continues from. */
    private static long assertIntact(String uri, long acknowledged, String context) {
        try (Store store = new H2StoreProvider().open(StoreSpec.parse(uri))) {
            long head = store.journalHead(KEPT);
            assertTrue(head >= acknowledged, context + ": kept head " + head + ", acknowledged " + acknowledged);
            assertKeptEntries(store, head, context);
            long purgedHead = store.journalHead(PURGED);
            assertEquals(0, purgedHead % PER_ROUND, context + ": the purged journal moves a round at a time");
            try (Stream<Entry> purged = store.readJournal(PURGED, 1)) {
                // The kill may fall before the round's truncation committed: then only that round is there.
                assertTrue(purged.allMatch(e -> e.sequence() > purgedHead - PER_ROUND), context);
            }

            long before = store.storageBytes().orElseThrow();
            store.reclaimSpace();
            // A sanity bound only (H2SpaceTest and H2ReclaimWhileReadingTest prove the reclaim): at most the kept
            // entries and one purged round live, 2 KiB each, and a compaction writes them once more at most. Not
            // "no larger than before": right after such a kill, about one run in eight, the first compaction of
            // the reopened file rewrote the live pages without freeing the old ones (1,138,688 -> 1,576,960
            // bytes with 614,400 live; 1.50 -> 1.92 MB).
            long live = (head + PER_ROUND) * 2048;
            long after = store.storageBytes().orElseThrow();
            assertTrue(after <= before + live, context + ": compacting the reopened file: " + before + " -> " + after
                    + " bytes, " + live + " live");
            assertKeptEntries(store, head, context + ", compacted again");
            return head;
        }
    }

    private static void assertKeptEntries(Store store, long head, String context) {
        try (Stream<Entry> entries = store.readJournal(KEPT, 1)) {
            Iterator<Entry> it = entries.iterator();
            for (long seq = 1; seq <= head; seq++) {
                assertTrue(it.hasNext(), context + ": kept entry " + seq + " missing");
                Entry e = it.next();
                assertEquals(seq, e.sequence(), context);
                assertArrayEquals(CrashReclaimer.payload(seq), e.payload(), context + ": kept entry " + seq);
            }
            assertTrue(!it.hasNext(), context + ": kept entries beyond the head");
        }
    }
}
