package dev.steadfast.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * This JVM's share of child-JVM log scanning: a directory holding the {@code java.util.logging} configuration its
 * children start with, where each child leaves what its scan found. Thread-safe.
 */
final class ChildScans {
    static final String FOUND = ".found";

    private final Path directory;
    private final Path config;

    private ChildScans(Path directory, Path config) {
        this.directory = directory;
        this.config = config;
    }

    static ChildScans create() {
        try {
            Path directory = Files.createTempDirectory("steadfast-logscan-");
            Path config = directory.resolve("logging.properties");
            StringBuilder text = new StringBuilder()
                    // the JDK's own defaults, so a child's console prints what it would without this file
                    .append("handlers=java.util.logging.ConsoleHandler, ").append(ChildLogScanHandler.class.getName())
                    .append("\n.level=INFO\njava.util.logging.ConsoleHandler.level=INFO\n")
                    .append("java.util.logging.ConsoleHandler.formatter=java.util.logging.SimpleFormatter\n")
                    .append(ChildLogScanHandler.DIRECTORY).append('=')
                    .append(directory.toAbsolutePath().toString().replace("\\", "\\\\")).append('\n');
            for (String logger : LogScan.ALL_LEVELS) {
                text.append(logger).append(".level=ALL\n");
            }
            Files.writeString(config, text, StandardCharsets.UTF_8);
            directory.toFile().deleteOnExit();
            config.toFile().deleteOnExit();
            return new ChildScans(directory, config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up log scanning for child JVMs", e);
        }
    }

    Path config() {
        return config;
    }

    /** What children found since the last call; their files are deleted. */
    synchronized List<String> drain() {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(FOUND)).sorted().toList()) {
                String pid = file.getFileName().toString().replace(FOUND, "");
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    found.add("child JVM " + pid + ": " + line);
                }
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read what child JVMs' log scans found in " + directory, e);
        }
        return found;
    }
}
