package dev.steadfast.lifecycle;

import dev.steadfast.spi.Store;
import dev.steadfast.testing.Stores;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes the format corpus {@link FormatCorpusTest} opens: for each file backend, a store filled by
 * {@link CopyPopulation#fill} (every kind of state, truncated journals included) plus {@code expected.txt}, its
 * {@link StoreDigest} as text. Run it only when a backend's format changes, into a new directory named for the new
 * version, and keep the old ones (the build runs it through {@link FormatCorpusTest}, which has the class path):
 * {@code mvn -pl core -am test -Dtest=FormatCorpusTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsteadfast.corpus.out=$PWD/core/src/test/resources/format-corpus/v-NEW}
 */
public final class FormatCorpusGenerator {
    /** Backend directory name to the store URI inside it ({@code DIR} is replaced by that directory). */
    static final Map<String, String> URIS = Map.of(
            "sqlite", "sqlite:DIR/store.db",
            "h2", "h2:DIR/store",
            "encrypted-file", "encrypted-file:DIR/vault?keyset=DIR/keyset.json&createKeyset=true");
    static final int ENTRIES = 37;

    private FormatCorpusGenerator() {
    }

    /** Writes the corpus under {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        for (Map.Entry<String, String> backend : URIS.entrySet()) {
            Path dir = root.resolve(backend.getKey());
            Files.createDirectories(dir);
            String digest;
            try (Store store = Stores.open(uri(backend.getValue(), dir))) {
                CopyPopulation.fill(store, ENTRIES);
                digest = text(StoreDigest.of(store));
            }
            Files.writeString(dir.resolve("expected.txt"), digest, StandardCharsets.UTF_8);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path lock : files.filter(p -> p.getFileName().toString().equals("LOCK")).toList()) {
                    Files.delete(lock); // a clean close may leave it; the corpus holds only the store's data
                }
            }
        }
    }

    static String uri(String template, Path dir) {
        return template.replace("DIR", dir.toAbsolutePath().toString());
    }

    static String text(StoreDigest digest) {
        StringBuilder text = new StringBuilder();
        digest.units().forEach((unit, summary) -> text.append(unit).append(' ').append(summary).append('\n'));
        return text.toString();
    }
}
