package dev.steadfast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import dev.steadfast.lifecycle.StoreDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportImportCommandTest {
    @TempDir
    Path dir;

    @Test
    void exportFromSqliteThenImportIntoH2GivesAnEqualStore() {
        String from = "sqlite:" + dir.resolve("source.db");
        String to = "h2:" + dir.resolve("target");
        Path file = dir.resolve("backup.sfexport");
        try (Steadfast s = Steadfast.open(from)) {
            Fixtures.populate(s.store());
        }

        Run exported = Run.of("export", "--store", from, "--file", file.toString());
        Run imported = Run.of("import", "--file", file.toString(), "--store", to);

        assertEquals(ExitCodes.OK, exported.exitCode(), exported::toString);
        assertEquals(ExitCodes.OK, imported.exitCode(), imported::toString);
        assertTrue(imported.out().startsWith("OK: imported 1 journal(s), 10 entries"), imported::toString);
        try (Steadfast source = Steadfast.open(from); Steadfast target = Steadfast.open(to)) {
            assertEquals(StoreDigest.of(source.store()), StoreDigest.of(target.store()));
        }
    }

    @Test
    void importOfADamagedFileExitsOneAndWritesNothing() throws Exception {
        String from = "sqlite:" + dir.resolve("source.db");
        Path file = dir.resolve("backup.sfexport");
        try (Steadfast s = Steadfast.open(from)) {
            Fixtures.populate(s.store());
        }
        assertEquals(ExitCodes.OK, Run.of("export", "--store", from, "--file", file.toString()).exitCode());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 40] ^= 0x10;
        Files.write(file, bytes);
        String to = "sqlite:" + dir.resolve("target.db");

        Run run = Run.of("import", "--file", file.toString(), "--store", to);

        assertEquals(ExitCodes.CHECK_FAILED, run.exitCode(), run::toString);
        assertTrue(run.err().contains("fails its SHA-256 checksum"), run::toString);
        try (Steadfast target = Steadfast.open(to)) {
            assertTrue(target.store().listStreams("").isEmpty());
        }
    }

    @Test
    void exportNeverOverwritesAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("keep.txt"), "precious");

        Run run = Run.of("export", "--store", "memory:", "--file", file.toString());

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertEquals("precious", Files.readString(file));
    }
}
