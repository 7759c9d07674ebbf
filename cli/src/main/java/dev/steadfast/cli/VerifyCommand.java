package dev.steadfast.cli;

import dev.steadfast.Steadfast;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code steadfast verify}: checks a store's integrity and prints OK or the exact location of each fault. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a store's integrity; print OK, or each fault with its exact location.",
            "",
            "What is checked:",
            "  1. The store opens: the backend runs its own checks on open (encrypted-file: every segment's seal "
                + "and the record chain; sqlite/h2/postgresql: the file or server is a Steadfast store of a "
                + "readable schema version).",
            "  2. Every journal: its retained entries form a gap-free run of sequences ending at its head "
                + "(a prefix removed by truncation is legal), each entry is readable and belongs to it.",
            "  3. Every snapshot loads, and one keyed like a journal covers no sequence beyond that journal's head.",
            "  4. Every fence reads back as listed; every record of every namespace is read, in key order.",
            "It uses only the store's read API: it does not run SQLite's PRAGMA integrity_check, which the "
                + "store interface does not expose. It never writes, and never creates a missing store."})
final class VerifyCommand implements Callable<Integer> {
    private static final int MAX_FAULTS_SHOWN = 50;

    @Spec
    CommandSpec spec;

    @Mixin
    Verbosity verbosity;

    @Option(names = QuickPath.STORE, required = true, paramLabel = "URI",
            description = "The store, for example sqlite:./steadfast-demo.db or "
                    + "encrypted-file:./vault?keyset=./vault.keyset.json")
    String store;

    @Option(names = QuickPath.JSON, description = "Print one JSON object (ok, counts, faults) instead of text.")
    boolean json;

    @Override
    public Integer call() {
        return run(store, json, spec.commandLine().getOut());
    }

    /**
     * Verifies {@code store}, prints the verdict on {@code out} and returns the exit code; used by {@link QuickPath}
     * too.
     */
    static int run(String store, boolean json, PrintWriter out) {
        Verification result;
        try (Steadfast steadfast = ExistingStore.openReadOnly(store)) {
            result = new StoreVerifier(steadfast.store()).verify();
        }
        if (json) {
            out.println(toJson(result));
            out.flush();
            return result.ok() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
        return report(result, out);
    }

    /** Every fault, none elided: a program reading this wants them all. */
    static String toJson(Verification r) {
        StringBuilder faults = new StringBuilder();
        for (Verification.Fault f : r.faults()) {
            faults.append(faults.length() == 0 ? "" : ",").append("{\"location\":").append(Json.quote(f.location()))
                    .append(",\"problem\":").append(Json.quote(f.problem())).append('}');
        }
        return "{\"ok\":" + r.ok() + ",\"journals\":" + r.journals() + ",\"entries\":" + r.entries()
                + ",\"snapshots\":" + r.snapshots() + ",\"fences\":" + r.fences() + ",\"namespaces\":"
                + r.namespaces() + ",\"records\":" + r.records() + ",\"faults\":[" + faults + "]}";
    }

    /** Prints the verdict and returns the exit code. */
    static int report(Verification result, PrintWriter out) {
        if (result.ok()) {
            out.println("OK: " + result.counts() + " checked, no fault");
            out.flush();
            return ExitCodes.OK;
        }
        List<Verification.Fault> faults = result.faults();
        out.println("FAULT: " + faults.size() + " fault(s) in " + result.counts());
        faults.stream().limit(MAX_FAULTS_SHOWN).forEach(f -> out.println("  " + f));
        if (faults.size() > MAX_FAULTS_SHOWN) {
            out.println("  ... and " + (faults.size() - MAX_FAULTS_SHOWN) + " more");
        }
        out.flush();
        return ExitCodes.CHECK_FAILED;
    }
}
