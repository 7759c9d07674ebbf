package dev.steadfast.backend.postgresql;

import dev.steadfast.tck.LogScan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a main class from the test class path, talked to line by line over stdin and stdout. Every
 * wait is bounded, so a stuck child fails the test rather than hanging the build.
 */
final class ChildJvm implements AutoCloseable {
    private static final String EOF = "\u0000eof";

    private final Process process;
    private final PrintWriter stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process) {
        this.process = process;
        this.stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::pump, "child-" + process.pid() + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildJvm start(Class<?> main, String... args) {
        return startWithClassPath(System.getProperty("java.class.path"), main, args);
    }

    /** Like {@link #start} with another class path, for example one with another version of a dependency. */
    static ChildJvm startWithClassPath(String classPath, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classPath, main.getName()));
        command.addAll(List.of(args));
        try {
            return new ChildJvm(LogScan.scanning(new ProcessBuilder(command))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child JVM for " + main.getName(), e);
        }
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the child is gone; EOF below tells the reader
        }
        lines.add(EOF);
    }

    /** Sends one line to the child's stdin. */
    void send(String line) {
        stdin.println(line);
    }

    /**
     * The child's next line of output.
     *
     * @throws AssertionError if none comes within {@code timeoutSeconds} or the child exited
     */
    String nextLine(long timeoutSeconds) {
        try {
            String line = lines.poll(timeoutSeconds, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("child " + process.pid() + " printed nothing within " + timeoutSeconds + " s");
            }
            if (line.equals(EOF)) {
                lines.add(EOF);
                throw new AssertionError("child " + process.pid() + " exited early");
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for child " + process.pid(), e);
        }
    }

    /** Every remaining line, once the child has exited (within {@code timeoutSeconds}). */
    List<String> remainingLines(long timeoutSeconds) {
        List<String> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            String line;
            try {
                line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (line == null) {
                throw new AssertionError("child " + process.pid() + " did not finish within " + timeoutSeconds + " s");
            }
            if (line.equals(EOF)) {
                return out;
            }
            out.add(line);
        }
    }

    /** The child's exit code, waiting at most {@code timeoutSeconds}. */
    int exitCode(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new AssertionError("child " + process.pid() + " did not exit within " + timeoutSeconds + " s");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        stdin.close();
        process.toHandle().destroyForcibly();
    }
}
