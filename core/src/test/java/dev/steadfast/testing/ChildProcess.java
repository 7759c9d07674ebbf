package dev.steadfast.testing;

import dev.steadfast.tck.LogScan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A child JVM running a main class of the test sources, spoken to by lines; closing it kills it. */
public final class ChildProcess implements AutoCloseable {
    private static final String EOF = "\u0000eof";
    private final Process process;
    private final PrintWriter stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    /** Starts {@code main} with {@code args} on this JVM's class path, its stderr going to {@code stderr}. */
    public ChildProcess(Class<?> main, Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        process = LogScan.scanning(new ProcessBuilder(command)).redirectError(stderr.toFile()).start();
        stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("IOEXCEPTION " + e);
            }
            lines.add(EOF);
        }, "child-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends one line to the child's stdin. */
    public void send(String line) {
        stdin.println(line);
    }

    /** The next line the child prints, waiting at most 60 s. */
    public String next() throws InterruptedException {
        String line = lines.poll(60, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("child printed nothing for 60 s");
        }
        if (line.equals(EOF)) {
            throw new AssertionError("child exited early");
        }
        return line;
    }

    /** Kills the child at once, as {@code kill -9} would, and waits for it to go. */
    public void killHard() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    /** Whether the child exits within {@code seconds}. */
    public boolean exitsWithin(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    /** The exit code of a child that has exited. */
    public int exitValue() {
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            killHard();
        }
    }
}
