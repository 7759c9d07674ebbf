package dev.steadfast.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import dev.steadfast.tck.LogScan;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.LibraryLoaderUtil;

/** Commands load sqlite-jdbc's native library from one cached copy instead of extracting a new one every run. */
class SqliteNativeCacheTest {
    @TempDir
    Path dir;

    @Test
    void theLibraryIsCopiedWholeOnceAndAfterThatOnlyFound() throws Exception {
        Path library = SqliteNativeCache.install(dir.resolve("cache"));
        byte[] original;
        try (InputStream in = LibraryLoaderUtil.class.getResourceAsStream(
                LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName())) {
            original = in.readAllBytes();
        }
        assertArrayEquals(original, Files.readAllBytes(library));
        FileTime marked = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
        Files.setLastModifiedTime(library, marked);

        assertEquals(library, SqliteNativeCache.install(dir.resolve("cache")));
        assertEquals(marked, Files.getLastModifiedTime(library), "the second run rewrote the library");
        try (Stream<Path> files = Files.list(library.getParent())) {
            assertEquals(List.of(library), files.toList(), "nothing but the library is left in its folder");
        }
    }

    @Test
    void aCommandRunsWithTheCachedLibraryWhenTheTempDirectoryIsUnusable() throws Exception {
        String store = "sqlite:" + dir.resolve("app.db");
        try (Steadfast steadfast = Steadfast.open(store)) {
            Fixtures.populate(steadfast.store());
        }
        // A regular file as the temp directory: any extraction of the library fails, so only the cache can serve.
        Path notADirectory = Files.writeString(dir.resolve("not-a-directory"), "x");

        Child withCache = inspect(store, notADirectory, dir.resolve("cache"));
        assertEquals(0, withCache.exitCode(), withCache.output());
        assertTrue(withCache.output().contains(Fixtures.ORDERS.value()), withCache.output());

        Child withoutCache = inspect(store, notADirectory, null);
        assertNotEquals(0, withoutCache.exitCode(), "the check cannot tell: the driver loaded without the cache");
    }

    private record Child(int exitCode, String output) {
    }

    private static Child inspect(String store, Path tmpdir, Path cache) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmpdir));
        if (cache != null) {
            command.add("-D" + SqliteNativeCache.DIRECTORY_PROPERTY + "=" + cache);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "inspect", "--store", store));
        Process p = LogScan.scanning(new ProcessBuilder(command)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "inspect did not finish in 120 s");
        return new Child(p.exitValue(), output);
    }
}
