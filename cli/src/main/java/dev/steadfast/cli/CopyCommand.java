package dev.steadfast.cli;

import dev.steadfast.Steadfast;
import dev.steadfast.lifecycle.CopyException;
import dev.steadfast.lifecycle.CopyOptions;
import dev.steadfast.lifecycle.CopyReport;
import dev.steadfast.lifecycle.StoreCopy;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code steadfast copy}: moves every kind of state from one store to another, of any backend, and verifies it. */
@Command(name = "copy", mixinStandardHelpOptions = true,
        description = {"Copy a store to another store of any backend, for example sqlite: to postgresql:, or an "
                + "encrypted-file: store to one under a new keyset.",
            "",
            "Copies journals (with their heads and truncated prefixes, so the next append gets the same sequence), "
                + "snapshots, records and fences in batches of --batch-size, printing a progress line per batch "
                + "on standard error. At the end both stores are read again and compared unit by unit (heads, "
                + "counts and a SHA-256 per journal, record namespace, snapshot and fence).",
            "The source is opened read-only and must exist. A target holding state is refused unless --merge.",
            "Resumable: the target holds a marker until the copy verifies; running the same command again after "
                + "an interruption continues where it stopped.",
            "Exit 1: the copy did not verify. Exit 5: refused (non-empty target, target ahead of the source, or "
                + "something else writing to it)."})
final class CopyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Verbosity verbosity;

    @Option(names = "--from", required = true, paramLabel = "URI", description = "The store to copy from.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "URI",
            description = "The store to copy into; created when missing.")
    String to;

    @Option(names = "--merge", description = "Allow a target that already holds state; the source's state is "
            + "added, and must not conflict with the target's.")
    boolean merge;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + CopyOptions.DEFAULT_BATCH_SIZE,
            description = "Most entries or records per write (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        CopyOptions options = new CopyOptions(batchSize, merge, line -> {
            err.println(line);
            err.flush();
        });
        CopyReport report;
        try (Steadfast source = ExistingStore.openReadOnly(from); Steadfast target = Steadfast.open(to)) {
            report = StoreCopy.run(source.store(), target.store(), options);
        } catch (CopyException e) {
            throw failure(e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("OK: copied " + report.streams() + " journal(s), " + report.entries() + " entries, "
                + report.snapshots() + " snapshot(s), " + report.records() + " record(s), " + report.fences()
                + " fence(s)" + (report.resumed() ? " (resumed an interrupted copy)" : "") + "; verified "
                + report.digest().units().size() + " units equal");
        out.flush();
        return ExitCodes.OK;
    }

    /** A copy that did not verify is a failed check (1); any other stop refused to change the store (5). */
    static CommandFailure failure(CopyException e) {
        return new CommandFailure(e.reason() == CopyException.Reason.NOT_VERIFIED
                ? ExitCodes.CHECK_FAILED : ExitCodes.REFUSED, e.getMessage());
    }
}
