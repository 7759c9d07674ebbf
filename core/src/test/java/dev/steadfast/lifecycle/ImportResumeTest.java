package dev.steadfast.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreIOException;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.tck.ForwardingStore;
import dev.steadfast.testing.Backend;
import dev.steadfast.testing.Backends;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An import cut off part way continues when the same file is imported again, through the copy's marker. */
class ImportResumeTest {
    private static final RecordKey MARKER = RecordKey.of("in-progress");

    @ParameterizedTest(name = "file -> {0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void importCutOffByAFailingWriteResumesAndCopiesOnlyTheRest(Backend backend, @TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("store.sfexport");
        StoreDigest exported = export(dir, file, 40);
        try (Store target = backend.open(dir.resolve("target"))) {
            Store failing = failingAtWrite(target, 6);
            assertThrows(StoreIOException.class, () -> StoreImport.read(file, failing, CopyOptions.defaults()
                    .withBatchSize(4)));
            assertTrue(target.getRecord(StoreCopy.PROGRESS_NAMESPACE, MARKER).isPresent(),
                    "the interrupted import left its marker");
            assertEquals(16, target.journalHead(CopyPopulation.PLAIN), "marker and 4 batches of 4 landed");

            CopyReport report = StoreImport.read(file, target, CopyOptions.defaults().withBatchSize(4));

            assertTrue(report.resumed());
            assertEquals(40 - 16 + 3, report.entries(), "only the rest of the entries was written");
            assertEquals(exported, StoreDigest.of(target));
            assertFalse(target.getRecord(StoreCopy.PROGRESS_NAMESPACE, MARKER).isPresent(),
                    "the marker goes once the import verifies");
            StoreCopyTest.assertTruncationsKept(target);
        }
    }

    @Test
    void anotherFileIntoAnInterruptedImportIsRefusedNamingBoth(@TempDir Path dir) throws IOException {
        Path first = dir.resolve("a.sfexport");
        Path second = dir.resolve("b.sfexport");
        export(dir.resolve("a"), first, 20);
        export(dir.resolve("b"), second, 21);
        try (Store target = Backends.memory().open(dir.resolve("t"))) {
            assertThrows(StoreIOException.class, () -> StoreImport.read(first, failingAtWrite(target, 3),
                    CopyOptions.defaults().withBatchSize(4)));
            StoreDigest before = StoreDigest.of(target);

            CopyException e = assertThrows(CopyException.class,
                    () -> StoreImport.read(second, target, CopyOptions.defaults()));

            assertEquals(CopyException.Reason.REFUSED, e.reason());
            assertTrue(e.getMessage().startsWith("the target holds an interrupted import from export with SHA-256 "),
                    e.getMessage());
            assertEquals(before, StoreDigest.of(target), "nothing written");
        }
    }

    private static StoreDigest export(Path dir, Path file, int entries) throws IOException {
        try (Store source = Backends.memory().open(dir.resolve("source"));
             OutputStream out = Files.newOutputStream(file)) {
            CopyPopulation.fill(source, entries);
            return StoreExport.write(source, out);
        }
    }

    private static Store failingAtWrite(Store target, int failing) {
        return new ForwardingStore(target) {
            private int writes;

            @Override
            public WriteResult apply(WriteBatch batch) {
                if (++writes == failing) {
                    throw new StoreIOException("injected: disk gone");
                }
                return super.apply(batch);
            }
        };
    }
}
