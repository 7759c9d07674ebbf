package dev.steadfast.tck;

import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import java.util.regex.Pattern;

/**
 * What a log line must never hold, checked apart from JUnit so that a child JVM's handler can check it too.
 */
final class Leaks {
    private static final Pattern KEYSET = Pattern.compile("\"(keyValue|encryptedKeyset)\"");
    // redacted as we do (***) or as HikariCP does (<masked>) is fine
    private static final Pattern SECRET_OPTION = Pattern.compile(
            "(?i)\\b(?:[a-z]*password|secret|passphrase|token)=(?!\\*\\*\\*|<masked>)[^\\s&'\"]");

    private Leaks() {
    }

    /** What a record prints as, its message and the causes of its exception, for scanning. */
    static String line(LogRecord record, SimpleFormatter formatter) {
        StringBuilder line = new StringBuilder(String.valueOf(formatter.formatMessage(record)));
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            line.append(" / ").append(t);
        }
        return line.toString();
    }

    /** Why {@code line} must not be logged, or null if it may. */
    static String violation(String line) {
        if (line.contains(LogScan.MARKER)) {
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
}
