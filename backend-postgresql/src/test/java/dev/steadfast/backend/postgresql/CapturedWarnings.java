package dev.steadfast.backend.postgresql;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what the backend logs through {@link System.Logger} (which the JDK routes to java.util.logging when no
 * other logging is installed) while it is open.
 */
final class CapturedWarnings extends Handler implements AutoCloseable {
    private final Logger logger;
    private final Level before;
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<String> all = new CopyOnWriteArrayList<>();

    CapturedWarnings() {
        this(PostgresWarnings.LOGGER);
    }

    /** Captures every level of {@code loggerName} (HikariCP's, for one) until closed. */
    CapturedWarnings(String loggerName) {
        logger = Logger.getLogger(loggerName);
        before = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(this);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Every message logged, any level, each prefixed with its level ("INFO: ..."). */
    List<String> messages() {
        return List.copyOf(all);
    }

    @Override
    public void publish(LogRecord record) {
        all.add(record.getLevel() + ": " + record.getMessage());
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(record.getMessage());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(before);
    }
}
