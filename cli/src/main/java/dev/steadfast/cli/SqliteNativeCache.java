package dev.steadfast.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Keeps sqlite-jdbc's native library in one folder beside the jar and points the driver at it. Left to itself the
 * driver, on every run, forks {@code uname} to learn the platform, copies its 1 MB library into the temp directory,
 * compares the copy byte by byte with the original, loads it and deletes it at exit: about a third of the CPU time
 * of a short command such as {@code inspect}. A killed process also leaves its copy behind.
 *
 * <p>The folder is {@code native-cache/} beside the jar (or the one the {@code steadfast.nativeCache} system
 * property names), one subfolder per driver version and platform; it is written once, atomically, and only read
 * after that. When the folder cannot be written, or the code does not run from a jar, nothing is set and the
 * driver behaves as it always does; a user's own {@code org.sqlite.lib.path} is left alone.
 */
final class SqliteNativeCache {
    static final String DIRECTORY_PROPERTY = "steadfast.nativeCache";
    private static final String DRIVER_POM = "/META-INF/maven/org.xerial/sqlite-jdbc/pom.properties";

    private SqliteNativeCache() {
    }

    /** Points sqlite-jdbc at the cached library, extracting it first when it is not there yet. */
    static void use() {
        if (System.getProperty("org.sqlite.lib.path") != null) {
            return;
        }
        Optional<Path> root = root();
        if (root.isEmpty()) {
            return;
        }
        try {
            Path library = install(root.get());
            System.setProperty("org.sqlite.lib.path", library.getParent().toString());
            System.setProperty("org.sqlite.lib.name", library.getFileName().toString());
            // At start-up the driver lists this folder for stale copies of its library: a small folder, not /tmp.
            if (System.getProperty("org.sqlite.tmpdir") == null) {
                System.setProperty("org.sqlite.tmpdir", library.getParent().toString());
            }
        } catch (IOException | RuntimeException e) {
            // Not writable, no library for this platform, ...: the driver finds its library the usual way.
        }
    }

    /**
     * The library for this driver version and platform under {@code root}, copied there from the driver's jar
     * unless an earlier run did.
     *
     * @throws IOException if it cannot be written, or the driver ships no library for this platform
     */
    static Path install(Path root) throws IOException {
        String name = LibraryLoaderUtil.getNativeLibName();
        Path dir = root.resolve(("sqlite-jdbc-" + driverVersion() + "-" + System.getProperty("os.name") + "-"
                + System.getProperty("os.arch")).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_"));
        Path library = dir.resolve(name);
        if (Files.isRegularFile(library)) {
            return library;
        }
        // First run on this platform only: this is where the driver's platform detection (which forks) happens.
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
        try (InputStream in = LibraryLoaderUtil.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("sqlite-jdbc ships no " + resource);
            }
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, name, ".partial");
            try {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                // Atomic: another process starting now sees either no library or the whole of it.
                Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
        return library;
    }

    private static Optional<Path> root() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured != null) {
            return Optional.of(Path.of(configured));
        }
        try {
            CodeSource source = SqliteNativeCache.class.getProtectionDomain().getCodeSource();
            Path location = source == null ? null : Path.of(source.getLocation().toURI());
            if (location == null || !location.getFileName().toString().endsWith(".jar")) {
                return Optional.empty();
            }
            return Optional.of(location.resolveSibling("native-cache"));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String driverVersion() throws IOException {
        try (InputStream in = SqliteNativeCache.class.getResourceAsStream(DRIVER_POM)) {
            if (in == null) {
                throw new IOException("no " + DRIVER_POM + ": a cache folder could not tell driver versions apart");
            }
            Properties pom = new Properties();
            pom.load(in);
            String version = pom.getProperty("version");
            if (version == null) {
                throw new IOException(DRIVER_POM + " names no version");
            }
            return version;
        }
    }
}
