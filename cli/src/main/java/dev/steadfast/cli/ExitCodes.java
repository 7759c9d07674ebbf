package dev.steadfast.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The exit codes every subcommand uses. {@link #TABLE} is the one table: each command's help prints it, and the
 * README's "Exit codes" table must match it row for row (a test compares them).
 */
final class ExitCodes {
    /** Everything held. */
    static final int OK = 0;
    /** The command ran and a check failed. */
    static final int CHECK_FAILED = 1;
    /** Bad arguments, store URI or keyset. */
    static final int USAGE = 2;
    /** The store could not be opened or read. */
    static final int STORE_UNAVAILABLE = 3;
    /** A bug or an unexpected environment fault. */
    static final int INTERNAL = 4;
    /** The command refused to change a store: a copy target holding state without --merge, or in conflict. */
    static final int REFUSED = 5;

    /** One row of the table. */
    record Code(int code, String meaning) {
    }

    /** The table, in code order. */
    static final List<Code> TABLE = List.of(
            new Code(OK, "All checks held."),
            new Code(CHECK_FAILED, "A check ran and failed: verify found a fault in a store it could read,"
                    + " a demo or certify step failed."),
            new Code(USAGE, "Bad arguments: an unknown or missing option, a malformed or unknown store URI,"
                    + " a keyset file that is missing, not a keyset, or lacks the store's key."),
            new Code(STORE_UNAVAILABLE, "The store could not be opened or read: missing, unreachable,"
                    + " locked by another process, damaged (not a store, a segment failing authentication)."),
            new Code(INTERNAL, "Unexpected error (rerun with --verbose for the stack trace)."),
            new Code(REFUSED, "The command refused to change a store: a copy or import target that holds state"
                    + " (without --merge), or conflicts with the source."));

    /** Adds the "Exit codes" section to {@code cmd}'s help. */
    static void describeIn(CommandLine cmd) {
        Map<String, String> codes = new LinkedHashMap<>();
        TABLE.forEach(row -> codes.put("  " + row.code(), row.meaning()));
        cmd.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
    }

    private ExitCodes() {
    }
}
