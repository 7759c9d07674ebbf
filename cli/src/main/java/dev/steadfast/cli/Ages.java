package dev.steadfast.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Reads an age as operators write it: {@code 7d}, {@code 12h}, {@code 30m}, {@code 45s}, or ISO-8601 {@code PT90S}. */
final class Ages {
    private Ages() {
    }

    /** @throws IllegalArgumentException naming the value and the forms expected */
    static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.length() >= 2) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                switch (t.charAt(t.length() - 1)) {
                    case 'd':
                        return Duration.ofDays(n);
                    case 'h':
                        return Duration.ofHours(n);
                    case 'm':
                        return Duration.ofMinutes(n);
                    case 's':
                        return Duration.ofSeconds(n);
                    default:
                        break;
                }
            }
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            // reported below with the forms expected
        }
        throw new IllegalArgumentException("--max-age '" + text + "' is not an age; expected a whole number with "
                + "d, h, m or s (7d, 12h, 30m, 45s) or an ISO-8601 duration (PT90S)");
    }
}
