package dev.steadfast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import dev.steadfast.lifecycle.StoreDigest;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyCommandTest {
    @TempDir
    Path dir;

    @Test
    void copyFromSqliteToEncryptedFileVerifiesAndPrintsProgress() {
        String from = "sqlite:" + dir.resolve("source.db");
        String to = "encrypted-file:" + dir.resolve("vault") + "?keyset=" + dir.resolve("k.json")
                + "&createKeyset=true";
        try (Steadfast s = Steadfast.open(from)) {
            Fixtures.populate(s.store());
        }

        Run run = Run.of("copy", "--from", from, "--to", to, "--batch-size", "3");

        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("OK: copied 1 journal(s), 10 entries, 1 snapshot(s), 2 record(s), "
                + "1 fence(s); verified"), run::toString);
        assertTrue(run.err().contains("copy [4] journal 1/1 'orders/7' at 10/10"), run::toString);
        try (Steadfast source = Steadfast.open(from); Steadfast target = Steadfast.open(to)) {
            assertEquals(StoreDigest.of(source.store()), StoreDigest.of(target.store()));
        }
    }

    @Test
    void copyIntoANonEmptyTargetIsRefusedWithExitFiveUnlessMerge() {
        String from = "h2:" + dir.resolve("source");
        String to = "sqlite:" + dir.resolve("target.db");
        try (Steadfast s = Steadfast.open(from); Steadfast t = Steadfast.open(to)) {
            Fixtures.populate(s.store());
            t.store().apply(WriteBatch.builder().append(StreamId.of("mine"), 0, new byte[] {1}).build());
        }

        Run refused = Run.of("copy", "--from", from, "--to", to);
        Run merged = Run.of("copy", "--from", from, "--to", to, "--merge");

        assertEquals(ExitCodes.REFUSED, refused.exitCode(), refused::toString);
        assertEquals(1, refused.errLines().size(), refused::toString);
        assertTrue(refused.err().startsWith("steadfast copy: the target is not empty (1 journal(s)"),
                refused::toString);
        assertEquals(ExitCodes.OK, merged.exitCode(), merged::toString);
    }

    @Test
    void copyFromAMissingSourceCreatesNothing() {
        Path missing = dir.resolve("missing.db");

        Run run = Run.of("copy", "--from", "sqlite:" + missing, "--to", "sqlite:" + dir.resolve("t.db"));

        assertEquals(ExitCodes.STORE_UNAVAILABLE, run.exitCode(), run::toString);
        assertTrue(!java.nio.file.Files.exists(missing) && !java.nio.file.Files.exists(dir.resolve("t.db")),
                run::toString);
    }
}
