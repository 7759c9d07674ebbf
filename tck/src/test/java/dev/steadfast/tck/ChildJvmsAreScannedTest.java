package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every child JVM a test of this repository starts (crash tests killed with SIGKILL, cross-process tests, examples,
 * CLI runs) has its log records scanned: a test source that launches a {@code java} executable also goes through
 * {@link LogScan} ({@code LogScan.scanning} or {@code LogScan.childJvmOptions}). A new child started without it
 * would log unscanned, so it fails here, naming the file.
 */
class ChildJvmsAreScannedTest {
    /** A command built from the running JDK's {@code bin/java}: how every test here starts a child JVM. */
    private static final Pattern LAUNCHES_JAVA = Pattern.compile("\"bin\"\\s*,\\s*\"java\"");

    @Test
    void everyTestSourceThatStartsAJavaChildScansItsLog() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertTrue(Files.isRegularFile(root.resolve("tck").resolve("pom.xml")),
                "run from the tck module of the reactor; its parent " + root + " has no tck/pom.xml");
        List<Path> launching;
        try (Stream<Path> walk = Files.walk(root)) {
            launching = walk.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/test/java/") || p.toString().contains("/tck/src/main/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .filter(p -> LAUNCHES_JAVA.matcher(read(p)).find())
                    .toList();
        }
        assertTrue(launching.size() >= 10, "expected the crash and cross-process tests, found " + launching);
        List<Path> unscanned = launching.stream().filter(p -> !read(p).contains("LogScan.")).toList();
        assertEquals(List.of(), unscanned, "these start a child JVM without LogScan.scanning/childJvmOptions");
    }

    @Test
    void theLaunchPatternMatchesHowTestsBuildTheCommand() {
        assertTrue(LAUNCHES_JAVA.matcher("Path.of(System.getProperty(\"java.home\"), \"bin\", \"java\")").find());
        assertTrue(!LAUNCHES_JAVA.matcher("Path.of(System.getProperty(\"java.home\"), \"bin\", \"keytool\")")
                .find(), "keytool is no JVM of ours");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
