package dev.steadfast.lifecycle;

import dev.steadfast.spi.Store;
import dev.steadfast.testing.Backend;
import dev.steadfast.testing.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An export file restores on every backend to an equal store; a damaged or foreign file writes nothing. */
class ExportImportTest {

    @ParameterizedTest(name = "{0} -> file -> {0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void exportThenImportRestoresAnEqualStoreTruncationsIncluded(Backend backend, @TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("store.sfexport");
        try (Store source = backend.open(dir.resolve("source")); Store target = backend.open(dir.resolve("target"))) {
            CopyPopulation.fill(source, 30);
            StoreDigest exported;
            try (OutputStream out = Files.newOutputStream(file)) {
                exported = StoreExport.write(source, out);
            }

            CopyReport report = StoreImport.read(file, target, CopyOptions.defaults().withBatchSize(4));

            assertEquals(StoreDigest.of(source), exported);
            assertEquals(exported, StoreDigest.of(target));
            assertEquals(33, report.entries());
            StoreCopyTest.assertTruncationsKept(target);
        }
    }

    @Test
    void aFileWithOneFlippedByteFailsItsChecksumAndWritesNothing(@TempDir Path dir) throws IOException {
        Path file = exportOfPopulation(dir);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        try (Store target = Backends.memory().open(dir.resolve("t"))) {
            IOException e = assertThrows(IOException.class,
                    () -> StoreImport.read(file, target, CopyOptions.defaults()));

            assertTrue(e.getMessage().endsWith("fails its SHA-256 checksum: the file is damaged or truncated; nothing "
                    + "was imported"), e.getMessage());
            assertEquals(List.of(), target.listStreams(""));
        }
    }

    @Test
    void aFileOfANewerFormatVersionIsRefusedNamingBothVersions(@TempDir Path dir) throws IOException {
        Path file = exportOfPopulation(dir);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(ExportFormat.MAGIC.length, 2);
        Files.write(file, bytes);
        try (Store target = Backends.memory().open(dir.resolve("t"))) {
            IOException e = assertThrows(IOException.class,
                    () -> StoreImport.read(file, target, CopyOptions.defaults()));

            assertEquals(file + " is export format version 2, this library reads version 1", e.getMessage());
        }
    }

    @Test
    void importIntoANonEmptyStoreIsRefused(@TempDir Path dir) throws IOException {
        Path file = exportOfPopulation(dir);
        try (Store target = Backends.memory().open(dir.resolve("t"))) {
            CopyPopulation.fill(target, 1);
            StoreDigest before = StoreDigest.of(target);

            CopyException e = assertThrows(CopyException.class,
                    () -> StoreImport.read(file, target, CopyOptions.defaults()));

            assertEquals(CopyException.Reason.REFUSED, e.reason());
            assertEquals(before, StoreDigest.of(target));
        }
    }

    private static Path exportOfPopulation(Path dir) throws IOException {
        Path file = dir.resolve("store.sfexport");
        try (Store source = Backends.memory().open(dir.resolve("s")); OutputStream out = Files.newOutputStream(file)) {
            CopyPopulation.fill(source, 10);
            StoreExport.write(source, out);
        }
        return file;
    }
}
