package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.tck.LogScan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real child JVM is killed with SIGKILL while writing; every write it acknowledged must survive. In half the
 * rounds a copy of the killed store also gets one random bit flipped: it must either refuse to open or still hold
 * every acknowledged write, never open with less.
 */
class CrashRecoveryTest {
    private static final int ROUNDS = Integer.getInteger("steadfast.crash.rounds", 10);

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteSurvivesKillNineMidWrite() throws Exception {
        String options = "?keyset=" + dir.resolve("k.json") + "&createKeyset=true&segmentBytes=65536";
        String uri = "encrypted-file:" + dir.resolve("vault") + options;
        Map<StreamId, Long> acked = new HashMap<>();
        Random random = new Random(42);
        int refused = 0;
        int flipped = 0;
        for (int round = 0; round < ROUNDS; round++) {
            int killAfter = 20 + random.nextInt(150);
            runAndKill(uri, killAfter, acked);
            if (random.nextBoolean()) {
                // A media error or tampering after the crash: on a copy, so later rounds go on with the original.
                Path image = dir.resolve("flipped-" + round);
                Vaults.copyDirectory(dir.resolve("vault"), image);
                String where = flipRandomBit(image, random);
                flipped++;
                try (Store store = new EncryptedFileStoreProvider().open(StoreSpec.parse("encrypted-file:" + image
                        + options))) {
                    assertAllAcknowledgedPresent(store, acked, "round " + round + " after " + where);
                } catch (StoreException e) {
                    refused++;
                }
            }
            try (Store store = new EncryptedFileStoreProvider().open(StoreSpec.parse(uri))) {
                assertAllAcknowledgedPresent(store, acked, "round " + round);
            }
        }
        assertTrue(acked.values().stream().mapToLong(Long::longValue).sum() >= ROUNDS * 20L);
        assertTrue(flipped == 0 || refused > 0, "of " + flipped + " flipped images none was refused: "
                + "flips were not exercised");
    }

    /**
     * Kills land while a compaction writes its new segments, renames its manifest, publishes the segments or
     * deletes the retired ones: open must find either the old segments or the new ones whole, never lose an
     * acknowledged write, and never refuse the store.
     */
    @Test
    void everyAcknowledgedWriteSurvivesKillNineMidCompaction() throws Exception {
        String uri = "encrypted-file:" + dir.resolve("vault") + "?keyset=" + dir.resolve("k.json")
                + "&createKeyset=true&segmentBytes=16384";
        Map<StreamId, Long> acked = new HashMap<>();
        Random random = new Random(7);
        for (int round = 0; round < 6; round++) {
            runAndKill(uri, 30 + random.nextInt(120), acked, "compact");
            try (Store store = new EncryptedFileStoreProvider().open(StoreSpec.parse(uri))) {
                assertAllAcknowledgedPresent(store, acked, "round " + round);
            }
        }
        long newest = Format.segmentIdOf(Vaults.newest(dir.resolve("vault")).getFileName().toString());
        assertTrue(newest > 2 * 6, "segment " + newest + " is the newest: the children hardly compacted");
    }

    /** Flips one random bit in one of the segment files or the manifest, weighted by size; says where. */
    private static String flipRandomBit(Path vault, Random random) throws Exception {
        List<Path> files = new java.util.ArrayList<>(Vaults.segments(vault));
        files.add(vault.resolve(Format.MANIFEST));
        long total = 0;
        for (Path p : files) {
            total += Files.size(p);
        }
        long at = (long) (random.nextDouble() * total);
        for (Path p : files) {
            long size = Files.size(p);
            if (at < size) {
                byte[] bytes = Files.readAllBytes(p);
                int bit = random.nextInt(8);
                bytes[(int) at] ^= (byte) (1 << bit);
                Files.write(p, bytes);
                return "bit " + bit + " of offset " + at + " of " + p.getFileName() + " flipped";
            }
            at -= size;
        }
        throw new IllegalStateException("no byte chosen");
    }

    static void assertAllAcknowledgedPresent(Store store, Map<StreamId, Long> acked, String context) {
        for (Map.Entry<StreamId, Long> e : acked.entrySet()) {
            long head = store.journalHead(e.getKey());
            assertTrue(head >= e.getValue(), context + ": " + e.getKey() + " head " + head
                    + " is below acknowledged " + e.getValue());
            List<Entry> entries;
            try (var s = store.readJournal(e.getKey(), 1)) {
                entries = s.collect(Collectors.toList());
            }
            assertEquals(head, entries.size(), context + ": entries of " + e.getKey());
            for (Entry entry : entries) {
                assertArrayEquals(CrashWriterMain.payload(e.getKey(), entry.sequence()), entry.payload(), context);
            }
        }
    }

    @Test
    void aSecondProcessCannotOpenAStoreThatIsOpen() throws Exception {
        String uri = "encrypted-file:" + dir.resolve("vault") + "?keyset=" + dir.resolve("k.json")
                + "&createKeyset=true";
        Process child = LogScan.scanning(new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashWriterMain.class.getName(), uri))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("OPEN", r.readLine());
            var e = org.junit.jupiter.api.Assertions.assertThrows(dev.steadfast.spi.StoreIOException.class,
                    () -> new EncryptedFileStoreProvider().open(StoreSpec.parse(uri)));
            assertTrue(e.getMessage().contains("already open in another process"), e.getMessage());
        } finally {
            child.toHandle().destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        try (Store store = new EncryptedFileStoreProvider().open(StoreSpec.parse(uri))) {
            assertTrue(store.journalHead(StreamId.of("crash/1")) >= 0, "the lock dies with the process");
        }
    }

    static void runAndKill(String uri, int killAfter, Map<StreamId, Long> acked, String... more) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashWriterMain.class.getName(), uri));
        command.addAll(List.of(more));
        Process child = LogScan.scanning(new ProcessBuilder(command))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (Exception ignored) {
                // the child was killed mid-line
            }
            lines.add("EOF");
        });
        pump.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int seen = 0;
            while (seen < killAfter) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertNotNull(line, "child produced no output in time");
                assertTrue(!line.equals("EOF"), "child exited early");
                if (line.startsWith("ACK ")) {
                    record(line, acked);
                    seen++;
                }
            }
        } finally {
            child.toHandle().destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            pump.join(TimeUnit.SECONDS.toMillis(30));
        }
        for (String line; (line = lines.poll()) != null; ) {
            if (line.startsWith("ACK ")) {
                record(line, acked);
            }
        }
    }

    private static void record(String line, Map<StreamId, Long> acked) {
        String[] parts = line.split(" ");
        if (parts.length == 3) {
            acked.merge(StreamId.of(parts[1]), Long.parseLong(parts[2]), Math::max);
        }
    }
}
