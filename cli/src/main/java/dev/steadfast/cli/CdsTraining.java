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
 * The training run of the class-data-sharing archive that {@code cli/pom.xml} builds at package time: started with
 * {@code -XX:ArchiveClassesAtExit=target/steadfast.jsa -cp target/steadfast.jar}, it writes a small SQLite store
 * and runs the short commands on it in this JVM, so that the archive holds the classes they load, already parsed,
 * verified and linked, with their lambdas. {@code ./steadfast} maps the archive when it is newer than the jar.
 * Not a command: nothing a user runs.
 */
final class CdsTraining {
    private CdsTraining() {
    }

    /**
     * Trains in {@code args[0]}, a folder it may empty.
     *
     * @param args the folder for the training store
     * @throws IOException if the folder cannot be prepared
     */
    public static void main(String[] args) throws IOException {
        Main.startJvm();
        // The locale data the trained commands will run with, so that the archive holds its classes.
        Main.compatLocaleData(new String[] {"--version"}, Runtime.version().feature(),
                System.getProperty("java.locale.providers"))
                .ifPresent(providers -> System.setProperty("java.locale.providers", providers));
        Path dir = Files.createDirectories(Path.of(args[0]));
        Path file = dir.resolve("training.db");
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(dir.resolve(file.getFileName() + suffix));
        }
        String store = "sqlite:" + file;
        try (Steadfast steadfast = Steadfast.open(store)) {
            StreamId orders = StreamId.of("orders");
            steadfast.store().apply(WriteBatch.builder()
                    .setFence(new Fence("orders", "training", 1, "", Long.MAX_VALUE), 0)
                    .append(orders, 0, List.of("created".getBytes(StandardCharsets.UTF_8)))
                    .putSnapshot("orders", 1, new byte[] {1})
                    .putRecord("idempotency", RecordKey.of("k"), new byte[] {1})
                    .build());
        }
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
}
