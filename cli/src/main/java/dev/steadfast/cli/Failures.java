package dev.steadfast.cli;

import dev.steadfast.spi.NoSuchStoreException;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns bad arguments and failures into one line on standard error and an exit code; the stack trace is shown only
 * with {@code --verbose}, because a user who mistyped a URI needs the sentence, not the frames.
 */
final class Failures implements IParameterExceptionHandler, IExecutionExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println("steadfast: " + firstLine(ex.getMessage()) + " (see '"
                + cmd.getCommandSpec().qualifiedName() + " --help')");
        cmd.getErr().flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        int code = exitCode(ex);
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + describe(ex, code));
        if (verbose(parseResult)) {
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

    private static boolean verbose(ParseResult result) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption(Verbosity.OPTION)) {
                return true;
            }
        }
        return false;
    }
}
