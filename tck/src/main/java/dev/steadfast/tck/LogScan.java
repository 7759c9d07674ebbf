package dev.steadfast.tck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when anything logged while it ran holds what must never reach a log: a test payload, key or
 * password carrying {@link #MARKER}, Tink keyset material, or a secret URI option whose value was not redacted.
 *
 * <p>Every log record of the JVM reaching {@code java.util.logging} (where {@link System.Logger} goes unless the
 * application routes it elsewhere) is scanned as it is published, at every level for Steadfast's own loggers and
 * HikariCP's (whose debug lines dump the pool's configuration) and from {@code INFO} up for the rest. Child JVMs a
 * test starts with {@link #childJvmOptions()} on their command line are scanned the same way: each writes what it
 * found to a file the parent reads when the test class ends ({@link ChildLogScanHandler}). Registered for this
 * repository's test runs by JUnit's extension auto-detection (this class is listed in {@code META-INF/services/org.junit.jupiter.api.extension.Extension}; the
 * root POM's Surefire configuration switches auto-detection on), so a suite using the TCK without that switch is
 * not affected.
 */
public final class LogScan implements BeforeAllCallback, AfterAllCallback {
    /** Put this in test payloads, keys and passwords: a log line containing it fails the test class. */
    public static final String MARKER = "NEVER-LOGGED";

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static final List<String> VIOLATIONS = new ArrayList<>(); // guarded by itself
    /** Loggers scanned at every level: ours, and the pool's (its debug lines print its configuration). */
    static final List<String> ALL_LEVELS = List.of("dev.steadfast", "com.zaxxer.hikari");
    // held: java.util.logging keeps loggers weakly, and a collected logger forgets its level
    private static final List<Logger> HELD = new ArrayList<>();
    private static volatile ChildScans children; // created by the first childJvmOptions()

    /** For JUnit's auto-detection. */
    public LogScan() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (INSTALLED.compareAndSet(false, true)) {
            for (String name : ALL_LEVELS) {
                Logger logger = Logger.getLogger(name);
                logger.setLevel(Level.ALL);
                HELD.add(logger);
            }
            Logger.getLogger("").addHandler(new Scanner());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getRequiredTestClass().isAnnotationPresent(Nested.class)) {
            return; // a @Nested group: its outer class reports
        }
        List<String> found = new ArrayList<>();
        ChildScans scans = children;
        if (scans != null) {
            found.addAll(scans.drain());
        }
        synchronized (VIOLATIONS) {
            found.addAll(VIOLATIONS);
            VIOLATIONS.clear();
        }
        if (!found.isEmpty()) {
            throw new AssertionError("log lines hold payloads, keys or passwords (" + found.size() + "): "
                    + String.join(" | ", found));
        }
    }

    /**
     * Options for a child JVM's command line (before its main class) that make it scan its own log records as this
     * JVM does and leave what it finds for the test class that started it. The child's console logging stays as
     * the JDK's default; its class path must hold this kit.
     *
     * @return {@code -D} options naming a {@code java.util.logging} configuration file
     */
    public static List<String> childJvmOptions() {
        ChildScans scans = children;
        if (scans == null) {
            synchronized (LogScan.class) {
                if (children == null) {
                    children = ChildScans.create();
                }
                scans = children;
            }
        }
        return List.of("-Djava.util.logging.config.file=" + scans.config());
    }

    /**
     * {@code builder} with {@link #childJvmOptions()} put after the {@code java} executable its command starts with.
     *
     * @param builder a process builder whose command starts a JVM on a class path holding this kit
     * @return {@code builder}, its command replaced by one with the options
     * @throws IllegalArgumentException if the command does not start with a {@code java} executable
     */
    public static ProcessBuilder scanning(ProcessBuilder builder) {
        List<String> command = new ArrayList<>(builder.command());
        if (command.isEmpty() || !Path.of(command.get(0)).getFileName().toString().startsWith("java")) {
            throw new IllegalArgumentException("expected a command starting with a java executable, found "
                    + command);
        }
        command.addAll(1, childJvmOptions());
        return builder.command(command);
    }

    /** Why {@code line} must not be logged, or null if it may. */
    static String violation(String line) {
        return Leaks.violation(line);
    }

    private static final class Scanner extends Handler {
        private final SimpleFormatter formatter = new SimpleFormatter();

        Scanner() {
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord record) {
            String line = Leaks.line(record, formatter);
            String why = Leaks.violation(line);
            if (why != null) {
                synchronized (VIOLATIONS) {
                    VIOLATIONS.add(why + " in " + record.getLevel() + " " + record.getLoggerName() + ": " + line);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
