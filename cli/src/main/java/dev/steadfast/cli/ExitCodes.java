package dev.steadfast.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/** The exit codes every subcommand uses, listed in each command's help. */
final class ExitCodes {
    /** Everything held. */
    static final int OK = 0;
    /** The command ran and found a fault, or a demo check failed. */
    static final int CHECK_FAILED = 1;
    /** Bad arguments: an unknown option, a missing one, a malformed or unknown store URI. */
    static final int USAGE = 2;
    /** The store could not be opened or read: unreachable, missing, corrupt, locked. */
    static final int STORE_UNAVAILABLE = 3;
    /** A bug or an unexpected environment fault; run again with --verbose for the stack trace. */
    static final int INTERNAL = 4;
    /** The command refused to change a store: a copy target holding state without --merge, or in conflict. */
    static final int REFUSED = 5;

    /** Adds the "Exit codes" section to {@code cmd}'s help. */
    static void describeIn(CommandLine cmd) {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("  " + OK, "All checks held.");
        codes.put("  " + CHECK_FAILED, "A check failed (a fault in the store, a failed demo step).");
        codes.put("  " + USAGE, "Bad arguments or store URI.");
        codes.put("  " + STORE_UNAVAILABLE, "The store could not be opened or read.");
        codes.put("  " + INTERNAL, "Unexpected error (rerun with --verbose).");
        codes.put("  " + REFUSED, "Refused to change a store (copy: non-empty target without --merge).");
        cmd.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
    }

    private ExitCodes() {
    }
}
