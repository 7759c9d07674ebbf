package dev.steadfast.tck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * The {@link LogScan} of a child JVM: named in the {@code java.util.logging} configuration that
 * {@link LogScan#childJvmOptions()} gives the child, it scans each record the child logs and appends every
 * violation at once to a file of the parent's scan directory (a child killed with SIGKILL loses none), where the
 * parent's scan reads it when the test class ends. Public only because {@code java.util.logging} instantiates it
 * by name.
 */
public final class ChildLogScanHandler extends Handler {
    static final String DIRECTORY = ChildLogScanHandler.class.getName() + ".directory";

    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Path found;

    /** For {@code java.util.logging}, which reads the directory from its configuration. */
    public ChildLogScanHandler() {
        String directory = LogManager.getLogManager().getProperty(DIRECTORY);
        this.found = directory == null ? null
                : Path.of(directory, ProcessHandle.current().pid() + ChildScans.FOUND);
        setLevel(java.util.logging.Level.ALL);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (found == null) {
            return;
        }
        String line = Leaks.line(record, formatter);
        String why = Leaks.violation(line);
        if (why == null) {
            return;
        }
        try {
            Files.writeString(found, why + " in " + record.getLevel() + " " + record.getLoggerName() + ": " + line
                    + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            reportError("cannot record a log scan violation in " + found, e, ErrorManager.WRITE_FAILURE);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
