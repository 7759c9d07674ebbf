package dev.steadfast.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steadfast.Steadfast;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inspect} and {@code verify} open an encrypted-file store read-only: what a read-write open would change
 * (here: cut a torn final write; for a version-1 store: migrate it) stays as it is on disk.
 */
class ReadOnlyCommandsTest {
    @TempDir
    Path dir;

    @Test
    void inspectAndVerifyLeaveATornFinalWriteOnDisk() throws Exception {
        String uri = "encrypted-file:" + dir.resolve("vault") + "?keyset=" + dir.resolve("k.json")
                + "&createKeyset=true";
        try (Steadfast s = Steadfast.open(uri)) {
            Fixtures.populate(s.store());
        }
        Path segment = dir.resolve("vault").resolve("segment-000000000001.seg");
        // a torn final write: the start of a frame that was never finished
        Files.write(segment, new byte[] {0, 0, 1, 0, 7, 7}, java.nio.file.StandardOpenOption.APPEND);
        byte[] torn = Files.readAllBytes(segment);

        Run verify = Run.of("verify", "--store", uri);
        Run inspect = Run.of("inspect", "--store", uri);

        assertEquals(ExitCodes.OK, verify.exitCode(), verify::toString);
        assertEquals(ExitCodes.OK, inspect.exitCode(), inspect::toString);
        assertArrayEquals(torn, Files.readAllBytes(segment), "a read-only command cut nothing");
        try (Steadfast s = Steadfast.open(uri)) {
            assertEquals(Fixtures.ENTRIES, s.store().journalHead(Fixtures.ORDERS));
        }
        assertEquals(torn.length - 6, Files.size(segment), "a read-write open cuts it");
    }
}
