package dev.steadfast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./steadfast} wrapper rebuilds when the jar is missing or older than any pom or main source, and starts
 * the JVM with the build's class-data archive and, for short commands, the quick JIT only.
 */
class WrapperScriptTest {
    private static final Path SCRIPT = Path.of(System.getProperty("user.dir")).getParent().resolve("steadfast");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path root;

    @Test
    void theJarIsStaleWhenMissingOrOlderThanAnySourceAndFreshOtherwise() throws Exception {
        Files.copy(SCRIPT, root.resolve("steadfast"));
        Path source = write("core/src/main/java/A.java", T0);
        write("pom.xml", T0);
        write("core/src/test/java/ATest.java", T0.plusSeconds(100)); // tests do not go into the jar
        assertEquals("stale", check(), "no jar yet");

        Path jar = write("cli/target/steadfast.jar", T0.plusSeconds(10));
        assertEquals("fresh", check());

        Files.setLastModifiedTime(source, FileTime.from(T0.plusSeconds(20))); // a git pull, an edit
        assertEquals("stale", check());

        Files.setLastModifiedTime(jar, FileTime.from(T0.plusSeconds(30)));
        write("cli/pom.xml", T0.plusSeconds(40));
        assertEquals("stale", check(), "a newer pom");
    }

    @Test
    void theWrapperAsksMavenForNoColourAndDoesNotInstall() throws Exception {
        String build = Files.readString(SCRIPT, StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("mvn -B")).findFirst().orElseThrow();
        assertTrue(build.contains("-Dstyle.color=never") && build.contains(" package")
                && !build.contains(" install"), build);
    }

    @Test
    void theWrapperMapsTheClassDataArchiveOnlyWhenNewerThanTheJarAndKeepsTheQuickJitForShortCommands()
            throws Exception {
        Files.copy(SCRIPT, root.resolve("steadfast"));
        write("cli/target/steadfast.jar", T0.plusSeconds(10));
        Path archive = write("cli/target/steadfast.jsa", T0.plusSeconds(20));

        String inspect = run(Map.of("STEADFAST_DRY_RUN", "1"), "inspect", "--store", "sqlite:x.db");
        assertTrue(inspect.contains("-XX:SharedArchiveFile=" + archive) && inspect.contains("-XX:TieredStopAtLevel=1")
                && inspect.endsWith("steadfast.jar " + Main.class.getName() + " inspect --store sqlite:x.db")
                && !inspect.contains(" -jar "), inspect);

        String demo = run(Map.of("STEADFAST_DRY_RUN", "1"), "demo");
        assertTrue(demo.contains("-XX:SharedArchiveFile=") && !demo.contains("TieredStopAtLevel"),
                "a long command keeps the optimising JIT: " + demo);

        Files.setLastModifiedTime(archive, FileTime.from(T0)); // the jar was rebuilt after the archive
        String stale = run(Map.of("STEADFAST_DRY_RUN", "1"), "inspect");
        assertFalse(stale.contains("SharedArchiveFile"), "an archive older than the jar is not used: " + stale);
    }

    private Path write(String relative, Instant modified) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private String check() throws Exception {
        return run(Map.of("STEADFAST_CHECK_ONLY", "1"));
    }

    private String run(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("steadfast").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(environment);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the wrapper did not answer in 60 s");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
