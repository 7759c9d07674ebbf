package dev.steadfast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.tck.LogScan;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Quick start as a newcomer meets it: the Java block is taken from {@code README.md} at test time (not
 * retyped), compiled against the class path without Guice and run twice in a fresh folder by a child JVM, so a
 * snippet that fails as written, or fails on a re-run, or needs Guice, fails here.
 */
class ReadmeQuickStartTest {
    static final Path README = Path.of(System.getProperty("user.dir")).getParent().resolve("README.md");

    @Test
    void theReadmeQuickStartCompilesAndRunsAsWrittenTwiceInAFreshFolder(@TempDir Path dir) throws Exception {
        String source = javaBlockDeclaring("public class QuickStart");
        Path classes = compile(dir, "QuickStart", source);

        assertEquals("1 created #1\n", run(dir, classes, "QuickStart"));
        assertEquals("1 created #1\n2 created #2\n", run(dir, classes, "QuickStart"),
                "a second run of the README's snippet must append after the first, not conflict");
        assertTrue(Files.exists(dir.resolve("data/app.db")), "the snippet's SQLite file");
    }

    /** The single ```java block of the README that contains {@code marker}. */
    static String javaBlockDeclaring(String marker) throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        int at = 0;
        while ((at = readme.indexOf("```java\n", at)) >= 0) {
            int end = readme.indexOf("\n```", at);
            String block = readme.substring(at + "```java\n".length(), end + 1);
            if (block.contains(marker)) {
                found.add(block);
            }
            at = end + 4;
        }
        assertEquals(1, found.size(), "README java blocks containing '" + marker + "'");
        return found.get(0);
    }

    static Path compile(Path dir, String className, String source) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src")).resolve(className + ".java");
        Files.writeString(src, source, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, errors, errors, "-d", classes.toString(), "-cp", classPathWithoutGuice(),
                src.toString());
        assertEquals(0, rc, () -> "the README block does not compile:\n" + errors.toString(StandardCharsets.UTF_8));
        return classes;
    }

    /** The test class path minus Guice: the README promises core needs only the SPI and the JDK. */
    static String classPathWithoutGuice() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("com/google/inject") && !entry.contains("com/google/guava"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e + ")";
        }
    }

    /** Runs {@code className} in a child JVM whose working directory is {@code dir}; returns its standard output. */
    static String run(Path dir, Path classes, String className) throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process child = LogScan.scanning(new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.sqlite.tmpdir=" + dir,                   // the native library lands here, not in /tmp
                "-cp", classes + File.pathSeparator + classPathWithoutGuice(), className)))
                .directory(dir.toFile()).redirectError(err.toFile()).redirectOutput(out.toFile()).start();
        try {
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the snippet did not finish in 120 s");
        } finally {
            child.toHandle().destroyForcibly();
        }
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), () -> printed + readQuietly(err));
        return printed;
    }
}
