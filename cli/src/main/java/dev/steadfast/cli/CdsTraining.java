package dev.steadfast.cli;

import dev.steadfast.Steadfast;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The training runs of the class-data-sharing archive that {@code cli/pom.xml} builds at package time. The first,
 * {@code CdsTraining --create DIR}, writes a small SQLite store in a JVM of its own; the second, started with
 * {@code -XX:ArchiveClassesAtExit=target/steadfast.jsa -cp target/steadfast.jar} and {@code CdsTraining DIR}, runs
 * the short commands on that store, so that the archive holds the classes they load, already parsed, verified and
 * linked, with their lambdas, and nothing else: the classes only writing needs would make the archive larger, and
 * every run maps and relocates all of it. {@code ./steadfast} maps the archive when it is newer than the jar.
 * Not a command: nothing a user runs.
 */
final class CdsTraining {
    private static final String STORE_FILE = "training.db";

    private CdsTraining() {
    }

    /**
     * {@code --create DIR} writes the training store in {@code DIR}, a folder it may empty; {@code DIR} alone runs
     * the commands on it.
     *
     * @param args {@code --create DIR} or {@code DIR}
     * @throws IOException if the folder cannot be prepared
     */
    public static void main(String[] args) throws IOException {
        Main.startJvm();
        if (args[0].equals("--create")) {
            create(Path.of(args[1]));
            return;
        }
        // The locale data the trained commands will run with, so that the archive holds its classes.
        Main.compatLocaleData(new String[] {"--version"}, Runtime.version().feature(),
                System.getProperty("java.locale.providers"))
                .ifPresent(providers -> System.setProperty("java.locale.providers", providers));
        String store = "sqlite:" + Path.of(args[0]).resolve(STORE_FILE);
        List<List<String>> runs = List.of(
                List.of("inspect", "--store", store), List.of("inspect", "--json", "--store", store),
                List.of("verify", "--store", store), List.of("verify", "--json", "--store", store),
                List.of("inspect", "--help"), List.of("--help"), List.of("--version"));
        for (List<String> run : runs) {
            String[] arguments = run.toArray(String[]::new);
            StringWriter sink = new StringWriter();
            int code = Main.run(arguments, new PrintWriter(sink), new PrintWriter(sink));
            if (code != ExitCodes.OK) {
                throw new IllegalStateException("training run " + run + " exited " + code + ": " + sink);
            }
        }
    }

    private static void create(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(dir.resolve(STORE_FILE + suffix));
        }
        try (Steadfast steadfast = Steadfast.open("sqlite:" + dir.resolve(STORE_FILE))) {
            StreamId orders = StreamId.of("orders");
            steadfast.store().apply(WriteBatch.builder()
                    .setFence(new Fence("orders", "training", 1, "", Long.MAX_VALUE), 0)
                    // A lease that has ended: inspect prints its end as an instant.
                    .setFence(new Fence("leases", "training", 1, "", 5_000), 0)
                    .append(orders, 0, List.of("created".getBytes(StandardCharsets.UTF_8)))
                    .putSnapshot("orders", 1, new byte[] {1})
                    .putRecord("idempotency", RecordKey.of("k"), new byte[] {1})
                    .build());
        }
    }
}
