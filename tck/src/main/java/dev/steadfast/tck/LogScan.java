package dev.steadfast.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Pattern;
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
 * from {@code INFO} up for the rest. Registered for this repository's test runs by JUnit's extension
 * auto-detection (this class is listed in {@code META-INF/services/org.junit.jupiter.api.extension.Extension}; the
 * root POM's Surefire configuration switches auto-detection on), so a suite using the TCK without that switch is
 * not affected.
 */
public final class LogScan implements BeforeAllCallback, AfterAllCallback {
    /** Put this in test payloads, keys and passwords: a log line containing it fails the test class. */
    public static final String MARKER = "NEVER-LOGGED";

    private static final Pattern KEYSET = Pattern.compile("\"(keyValue|encryptedKeyset)\"");
    private static final Pattern SECRET_OPTION =
            Pattern.compile("(?i)\\b(?:[a-z]*password|secret|passphrase|token)=(?!\\*\\*\\*)[^\\s&'\"]");
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static final List<String> VIOLATIONS = new ArrayList<>(); // guarded by itself
    // held: java.util.logging keeps loggers weakly, and a collected logger forgets its level
    private static final Logger STEADFAST = Logger.getLogger("dev.steadfast");

    /** For JUnit's auto-detection. */
    public LogScan() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (INSTALLED.compareAndSet(false, true)) {
            STEADFAST.setLevel(Level.ALL);
            Logger.getLogger("").addHandler(new Scanner());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getRequiredTestClass().isAnnotationPresent(Nested.class)) {
            return; // a @Nested group: its outer class reports
        }
        List<String> found;
        synchronized (VIOLATIONS) {
            found = List.copyOf(VIOLATIONS);
            VIOLATIONS.clear();
        }
        if (!found.isEmpty()) {
            throw new AssertionError("log lines hold payloads, keys or passwords (" + found.size() + "): "
                    + String.join(" | ", found));
        }
    }

    /** Why {@code line} must not be logged, or null if it may. */
    static String violation(String line) {
        if (line.contains(MARKER)) {
            return "marked test secret";
        }
        if (KEYSET.matcher(line).find()) {
            return "keyset material";
        }
        if (SECRET_OPTION.matcher(line).find()) {
            return "unredacted secret option";
        }
        return null;
    }

    private static final class Scanner extends Handler {
        private final SimpleFormatter formatter = new SimpleFormatter();

        Scanner() {
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(String.valueOf(formatter.formatMessage(record)));
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                line.append(" / ").append(t);
            }
            String why = violation(line.toString());
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
