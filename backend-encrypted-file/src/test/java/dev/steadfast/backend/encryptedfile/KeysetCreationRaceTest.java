package dev.steadfast.backend.encryptedfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Openers that create a missing keyset at the same moment ({@code createKeyset=true}, before any store lock is
 * taken) must all end up with the key the file keeps. The file was written with a check for its absence and then
 * a rename over whatever was there: two creators could both pass the check, the second replaced the first's key,
 * and the first sealed its store with a key no file held, which made every acknowledged write unreadable after a
 * restart.
 */
class KeysetCreationRaceTest {
    @TempDir
    Path dir;

    @Test
    void creatorsRacingForOneMissingKeysetAllUseTheKeyTheFileKeeps() throws Exception {
        int creators = 4;
        ExecutorService pool = Executors.newFixedThreadPool(creators);
        try {
            for (int round = 0; round < 40; round++) {
                Path file = dir.resolve("k" + round + ".json");
                CyclicBarrier start = new CyclicBarrier(creators);
                List<Future<Integer>> keys = new ArrayList<>();
                for (int i = 0; i < creators; i++) {
                    keys.add(pool.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        return KeysetFiles.readOrCreate(file, null).getPrimary().getId();
                    }));
                }
                List<Integer> used = new ArrayList<>();
                for (Future<Integer> key : keys) {
                    used.add(key.get(60, TimeUnit.SECONDS));
                }
                int kept = KeysetFiles.read(file, null).getPrimary().getId();
                assertEquals(List.of(kept, kept, kept, kept), used, "round " + round + ": keys the creators used");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
