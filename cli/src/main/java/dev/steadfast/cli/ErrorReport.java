package dev.steadfast.cli;

import dev.steadfast.spi.NoSuchStoreException;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreException;
import java.io.PrintWriter;

/**
 * How a command's failure is shown and which exit code it gets: one line on standard error, the stack trace only
 * with {@code --verbose}, because a user who mistyped a URI needs the sentence, not the frames. Free of picocli, so
 * that the commands {@link QuickPath} runs report failures without loading it; {@link Failures} uses it too.
 */
final class ErrorReport {
    private ErrorReport() {
    }

    /**
     * Prints {@code ex} as {@code command} failing and returns its exit code.
     *
     * @param command the command's qualified name, for example {@code steadfast inspect}
     */
    static int print(Exception ex, String command, boolean verbose, PrintWriter err) {
        int code = exitCode(ex);
        err.println(command + ": " + describe(ex, code));
        if (verbose) {
            ex.printStackTrace(err);
        } else if (code == ExitCodes.INTERNAL) {
            err.println("(rerun with --verbose for the stack trace)");
        }
        err.flush();
        return code;
    }

    static int exitCode(Throwable ex) {
        if (ex instanceof CommandFailure f) {
            return f.exitCode();
        }
        if (ex instanceof NoSuchStoreException) {
            return ExitCodes.STORE_UNAVAILABLE; // as a missing store file is
        }
        if (ex instanceof StoreConfigurationException || ex instanceof IllegalArgumentException) {
            return ExitCodes.USAGE;
        }
        if (ex instanceof StoreException) {
            return ExitCodes.STORE_UNAVAILABLE;
        }
        return ExitCodes.INTERNAL;
    }

    private static String describe(Exception ex, int code) {
        String message = ex.getMessage() == null ? "" : firstLine(ex.getMessage());
        if (code == ExitCodes.INTERNAL || message.isEmpty()) {
            return "unexpected " + ex.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        }
        return message;
    }

    static String firstLine(String message) {
        String trimmed = message.strip();
        int nl = trimmed.indexOf('\n');
        return nl < 0 ? trimmed : trimmed.substring(0, nl).strip();
    }
}
