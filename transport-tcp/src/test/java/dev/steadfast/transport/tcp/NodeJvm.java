package dev.steadfast.transport.tcp;

import dev.steadfast.tck.LogScan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link NodeProcess} in a child JVM. Its stdout lines are read by a thread into a queue, so every wait for a
 * line is bounded, and a child that blocks on a full pipe is never the cause of a hang. The child runs with the
 * quick-start compiler and the serial collector: it starts in a fraction of the time on a loaded machine.
 */
final class NodeJvm implements AutoCloseable {
    private static final String EXITED = "\u0000exited";
    private static final long WAIT_SECONDS = 60;

    final String id;
    private final Process process;
    private final Path stderr;
    private final PrintWriter in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private boolean exited;

    NodeJvm(Path dir, String id, String members, String transportUri) throws IOException {
        this.id = id;
        this.stderr = dir.resolve(id + "-" + System.nanoTime() + ".err");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                NodeProcess.class.getName(), id, members, dir.resolve(id + ".db").toString(), transportUri));
        process = LogScan.scanning(new ProcessBuilder(command)).redirectError(stderr.toFile()).start();
        in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the pipe broke with the process: what it printed before is in the queue
            }
            lines.add(EXITED);
        }, "stdout of " + id);
        reader.setDaemon(true);
        reader.start();
    }

    /** A free loopback port, for a member's address. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    void send(String command) {
        in.println(command);
    }

    /** The next line, waiting at most a minute. */
    String line() throws InterruptedException {
        String line = exited ? EXITED : lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("node " + id + " printed nothing in " + WAIT_SECONDS + " s" + errors());
        }
        if (line.equals(EXITED)) {
            exited = true;
            throw new AssertionError("node " + id + " exited" + errors());
        }
        return line;
    }

    /**
     * Reads lines, handing each {@code ACK <order>} to {@code acks}, until one starting with {@code prefix}.
     *
     * @return that line
     */
    String until(String prefix, Consumer<String> acks) throws InterruptedException {
        for (String line = line(); ; line = line()) {
            if (line.startsWith(prefix)) {
                return line;
            }
            if (line.startsWith("ACK ")) {
                acks.accept(line.substring(4));
            } else {
                throw new AssertionError("node " + id + " printed '" + line + "' while " + prefix + " was awaited");
            }
        }
    }

    /** Sends {@code kill -9}, waits for the process to end, then hands every ACK it printed before to {@code acks}. */
    void kill9(Consumer<String> acks) throws Exception {
        Process kill = new ProcessBuilder("kill", "-9", String.valueOf(process.pid())).start();
        if (kill.waitFor() != 0 || !process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("kill -9 of node " + id + " failed");
        }
        for (String line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS); line != null && !line.equals(EXITED);
             line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS)) {
            if (line.startsWith("ACK ")) {
                acks.accept(line.substring(4));
            }
        }
        exited = true;
    }

    /** Asks the node to stop and waits for it. */
    void stop() throws InterruptedException {
        send("stop");
        until("STOPPED", order -> { });
        process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private String errors() {
        try {
            String text = Files.readString(stderr);
            return text.isBlank() ? "" : "; its stderr:\n" + text;
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        process.toHandle().destroyForcibly();
        try {
            process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
