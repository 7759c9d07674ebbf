package dev.steadfast.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The SPI writes nothing to any log or console. The suite-wide log scan ({@code tck}'s {@code LogScan}, which checks
 * that no payload, key or password is ever logged) cannot run here, because the kit depends on this module; this
 * pins instead that nothing here could log: no logger of any kind, no console output, no printed stack trace.
 * Should the SPI ever need to log, move that code where the scan runs, or scan this module some other way.
 */
class NoLoggingTest {
    private static final Pattern OUTPUT = Pattern.compile(
            "System\\s*\\.\\s*(getLogger|Logger|out|err|console)\\b|java\\.util\\.logging|org\\.slf4j|org\\.apache\\."
                    + "(logging|log4j|commons\\.logging)|printStackTrace|jdk\\.jfr");

    @Test
    void spiMainSourcesHaveNoLoggerAndNoConsoleOutput() throws IOException {
        Path sources = Path.of("src", "main", "java", "dev", "steadfast", "spi");
        assertTrue(Files.isDirectory(sources), "run from the spi module's directory; no " + sources.toAbsolutePath());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(files.size() > 20, "expected the SPI's sources, found " + files);
        StringBuilder found = new StringBuilder();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (OUTPUT.matcher(lines.get(i)).find()) {
                    found.append(file).append(':').append(i + 1).append(": ").append(lines.get(i).strip())
                            .append('\n');
                }
            }
        }
        assertEquals("", found.toString(), "the SPI logs or prints");
    }

    @Test
    void thePatternCatchesEachWayOfLogging() {
        for (String line : List.of("System.getLogger(\"x\")", "private static final System.Logger LOG",
                "System.out.println(key)", "System.err.print(e)", "import java.util.logging.Logger;",
                "org.slf4j.LoggerFactory.getLogger(X.class)", "e.printStackTrace();", "System .console()")) {
            assertTrue(OUTPUT.matcher(line).find(), line);
        }
        assertTrue(!OUTPUT.matcher("Objects.requireNonNull(logger, \"logger\")").find(), "not a log call");
    }
}
