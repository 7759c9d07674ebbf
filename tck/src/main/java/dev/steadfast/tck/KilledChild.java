package dev.steadfast.tck;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A child JVM on this JVM's class path that prints {@code ACK n} lines, killed with SIGKILL once it printed enough. */
final class KilledChild implements AutoCloseable {
    private static final String END = "\u0000end";
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread pump;

    private KilledChild(Process process) {
        this.process = process;
        this.pump = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // killed mid-line: the lines before it are in the queue
            }
            lines.add(END);
        }, "tck-child-stdout");
        pump.setDaemon(true);
        pump.start();
    }

    static KilledChild start(Map<String, String> properties, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.add(main.getName());
        command.addAll(List.of(args));
        try {
            return new KilledChild(LogScan.scanning(new ProcessBuilder(command))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child JVM: " + command, e);
        }
    }

    /**
     * Waits for {@code acks} {@code ACK} lines, kills the child with SIGKILL while it writes on, and returns the
     * highest step it acknowledged, counting the lines it printed before it died.
     */
    long killAfter(int acks, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long highest = 0;
        int seen = 0;
        try {
            while (seen < acks) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line.equals(END)) {
                    throw new AssertionError("the child JVM " + (line == null ? "printed nothing for "
                            + timeoutSeconds + " s" : "ended") + " after " + seen + " acknowledgements (exit "
                            + (process.isAlive() ? "-" : process.exitValue()) + ")");
                }
                if (line.startsWith("REFUSED ")) {
                    throw new AssertionError("the reopened store refused a step of the child: " + line
                            + " (an earlier acknowledged step was lost or applied in part)");
                }
                if (line.startsWith("ACK ")) {
                    highest = Math.max(highest, Long.parseLong(line.substring(4)));
                    seen++;
                }
            }
        } finally {
            kill();
        }
        pump.join(TimeUnit.SECONDS.toMillis(timeoutSeconds));
        for (String line; (line = lines.poll()) != null; ) {
            if (line.startsWith("ACK ")) {
                highest = Math.max(highest, Long.parseLong(line.substring(4)));
            }
        }
        return highest;
    }

    private void kill() throws InterruptedException {
        // SIGKILL on Unix through the handle, which leaves the pipe readable (Process.destroyForcibly closes it
        // and would drop the ACK lines printed just before the kill)
        process.toHandle().destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("child " + process.pid() + " survived SIGKILL for 60 s");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
