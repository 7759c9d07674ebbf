package dev.steadfast.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The demo's child JVM: this JVM's {@code java} and class path (the shaded jar, or a test's class path) running
 * {@code SteadfastCommand demo-writer}; its standard output read line by line, its standard error kept to explain
 * a failure. Closing it kills it.
 */
final class WriterProcess implements AutoCloseable {
    private static final String END = "\u0000end";
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();
    private boolean ended;

    private WriterProcess(Process process) {
        this.process = process;
        daemon("demo-writer-stdout", () -> pump(process.getInputStream(), true));
        daemon("demo-writer-stderr", () -> pump(process.getErrorStream(), false));
    }

    /** The demo's writer, with its native-library temp files (sqlite-jdbc's) in {@code nativeDir}. */
    static WriterProcess start(List<String> writerArgs, Path nativeDir) throws IOException {
        // A child killed with kill -9 never deletes the native library it extracted: keep it where we clean.
        return start(List.of("-Dorg.sqlite.tmpdir=" + nativeDir.toAbsolutePath()), "demo-writer", writerArgs,
                Map.of());
    }

    /** A child JVM running the hidden {@code subcommand} (the demo's writer, a profile contender). */
    static WriterProcess start(String subcommand, List<String> writerArgs) throws IOException {
        return start(List.of(), subcommand, writerArgs, Map.of());
    }

    /**
     * A child JVM running the hidden {@code subcommand} with {@code environment} added to this JVM's: the way to
     * hand it a secret, since any local user can read a process's command line but only its owner its environment.
     */
    static WriterProcess start(String subcommand, List<String> writerArgs, Map<String, String> environment)
            throws IOException {
        return start(List.of(), subcommand, writerArgs, environment);
    }

    private static WriterProcess start(List<String> jvmOptions, String subcommand, List<String> writerArgs,
                                       Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(loggingOptions());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", absoluteClassPath(), SteadfastCommand.class.getName(), subcommand));
        command.addAll(writerArgs);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return new WriterProcess(builder.start());
    }

    /**
     * This JVM's {@code java.util.logging} configuration, if one was given, for the child: a demo run with a logging
     * configuration has its writers log the same way (and the tests' log scan reaches them).
     */
    static List<String> loggingOptions() {
        List<String> options = new ArrayList<>();
        for (String property : List.of("java.util.logging.config.file", "java.util.logging.config.class")) {
            String value = System.getProperty(property);
            if (value != null) {
                options.add("-D" + property + "=" + value);
            }
        }
        return options;
    }

    /** Sends {@code line} to the child's standard input. */
    void send(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    long pid() {
        return process.pid();
    }

    /** The next line, waiting at most {@code timeoutMs}; empty when the child's output ended or time ran out. */
    Optional<String> next(long timeoutMs) throws InterruptedException {
        if (ended) {
            return Optional.empty();
        }
        String line = lines.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (line == null) {
            return Optional.empty();
        }
        if (line.equals(END)) {
            ended = true;
            return Optional.empty();
        }
        return Optional.of(line);
    }

    /** SIGKILL on Unix ({@code kill -9}): no shutdown hook, no flush, no close runs in the child. */
    int killHard() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** The first line the child wrote to standard error, or a note that it wrote none. */
    String firstErrorLine() {
        String text = stderr.toString().strip();
        return text.isEmpty() ? "(the child wrote nothing to standard error)" : ErrorReport.firstLine(text);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            killHard();
        }
    }

    /** Relative entries (a jar started as {@code java -jar cli/target/steadfast.jar}) made absolute. */
    private static String absoluteClassPath() {
        return List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                .filter(e -> !e.isEmpty())
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private void pump(InputStream in, boolean stdout) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (stdout) {
                    lines.add(line);
                } else {
                    stderr.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            stderr.append("reading the child's output failed: ").append(e).append('\n');
        } finally {
            if (stdout) {
                lines.add(END);
            }
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }
}
