package dev.steadfast.benchmarks.encryptedfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Where the benchmarks keep their files: a fresh directory on a real disk (not tmpfs), removed afterwards. */
final class BenchFiles {
    private BenchFiles() {
    }

    static Path freshDirectory(String name) throws IOException {
        Path base = Path.of(System.getProperty("steadfast.bench.dir", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(base);
        return Files.createTempDirectory(base, name);
    }

    static String vaultUri(Path dir) {
        return "encrypted-file:" + dir.resolve("vault") + "?keyset=" + dir.resolve("k.json") + "&createKeyset=true";
    }

    static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
