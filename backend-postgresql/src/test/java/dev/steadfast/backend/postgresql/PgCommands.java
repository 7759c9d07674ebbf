package dev.steadfast.backend.postgresql;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs PostgreSQL's command-line tools, as the {@code postgres} OS user when this JVM runs as root (the server
 * refuses to run as root), with a bounded wait so a stuck tool fails the test instead of hanging it.
 */
final class PgCommands {
    private static final String SERVER_USER = "postgres";

    private final Path bin;
    private final boolean asServerUser;

    private PgCommands(Path bin, boolean asServerUser) {
        this.bin = bin;
        this.asServerUser = asServerUser;
    }

    /**
     * Finds the newest installed server: {@code -Dsteadfast.pg.bin}, env {@code PG_BIN}, then the highest
     * {@code /usr/lib/postgresql/<version>/bin}.
     */
    static Optional<PgCommands> locate() {
        String configured = System.getProperty("steadfast.pg.bin", System.getenv("PG_BIN"));
        Optional<Path> bin = configured != null && !configured.isBlank()
                ? Optional.of(Path.of(configured))
                : newestDebianInstall();
        boolean root = "root".equals(System.getProperty("user.name"));
        return bin.filter(b -> Files.isExecutable(b.resolve("pg_ctl")) && Files.isExecutable(b.resolve("initdb")))
                .map(b -> new PgCommands(b, root));
    }

    private static Optional<Path> newestDebianInstall() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .max(Comparator.comparingDouble(v -> Double.parseDouble(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether files the server touches must belong to the {@code postgres} user. */
    boolean runsAsServerUser() {
        return asServerUser;
    }

    /** The OS user the server runs as. */
    String serverUser() {
        return asServerUser ? SERVER_USER : System.getProperty("user.name");
    }

    Path bin() {
        return bin;
    }

    /**
     * Runs {@code tool args...} and returns its output.
     *
     * @throws IllegalStateException if it exits non-zero or does not finish within {@code timeoutSeconds}
     */
    String run(long timeoutSeconds, String tool, String... args) {
        List<String> command = new ArrayList<>();
        if (asServerUser) {
            command.addAll(List.of("runuser", "-u", SERVER_USER, "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LANG", "C");
        try {
            Process process = pb.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread pump = new Thread(() -> copy(process.getInputStream(), out), "pg-" + tool + "-output");
            pump.setDaemon(true);
            pump.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(tool + " did not finish within " + timeoutSeconds + " s: " + command);
            }
            pump.join(TimeUnit.SECONDS.toMillis(5));
            String output = out.toString(StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(tool + " exited with " + process.exitValue() + ": " + command
                        + "\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process is gone; whatever was read is what there is
        }
    }
}
