package dev.steadfast.lifecycle;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.testing.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every store of the format corpus ({@code src/test/resources/format-corpus/<version>/<backend>}, written by
 * {@link FormatCorpusGenerator}) still opens with this build, holds exactly what {@code expected.txt} says, and
 * takes a new write. A backend format change must add a migration and a new corpus version beside the old ones.
 */
class FormatCorpusTest {

    static Stream<Arguments> corpus() throws IOException, URISyntaxException {
        Path root = Path.of(FormatCorpusTest.class.getResource("/format-corpus").toURI());
        List<Arguments> stores = new ArrayList<>();
        try (Stream<Path> versions = Files.list(root)) {
            for (Path version : versions.sorted().toList()) {
                for (String backend : FormatCorpusGenerator.URIS.keySet().stream().sorted().toList()) {
                    stores.add(Arguments.of(version.getFileName() + "/" + backend, version.resolve(backend)));
                }
            }
        }
        return stores.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusStoreOpensHoldsItsExpectedContentAndTakesAWrite(String name, Path stored, @TempDir Path dir)
            throws IOException {
        assertFalse(Files.notExists(stored.resolve("expected.txt")), "corpus entry " + name + " has no expected.txt");
        copyTree(stored, dir); // opening may migrate or write a journal file; the checked-in corpus must not change
        String backend = stored.getFileName().toString();
        String uri = FormatCorpusGenerator.uri(FormatCorpusGenerator.URIS.get(backend), dir)
                .replace("&createKeyset=true", "");
        String expected = Files.readString(dir.resolve("expected.txt"), StandardCharsets.UTF_8);
        try (Store store = Stores.open(uri)) {
            assertEquals(expected, FormatCorpusGenerator.text(StoreDigest.of(store)), name);
            CopyPopulation.commit(store, WriteBatch.builder()
                    .append(CopyPopulation.FULLY_TRUNCATED, 4, CopyPopulation.bytes("after upgrade")).build());
        }
        try (Store store = Stores.open(uri)) {
            assertEquals(List.of(5L), store.readJournal(CopyPopulation.FULLY_TRUNCATED, 1).map(Entry::sequence)
                    .toList(), name + ": the write after reopening the corpus store survives");
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "steadfast.corpus.out", matches = ".+")
    void regenerate() throws IOException {
        FormatCorpusGenerator.main(new String[] {System.getProperty("steadfast.corpus.out")});
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                    // Git keeps no owner-only mode, and the encrypted-file store refuses a keyset others may read.
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
                }
            }
        }
    }
}
