package dev.steadfast.cli;

import dev.steadfast.Steadfast;
import dev.steadfast.internal.ProviderDiscovery;
import dev.steadfast.spi.RepairReport;
import dev.steadfast.spi.StoreSpec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code steadfast repair}: makes a store that refuses to open as damaged open again, through the backend's
 * {@link dev.steadfast.spi.StoreProvider#repair repair}, then opens it to prove it.
 */
@Command(name = "repair", mixinStandardHelpOptions = true,
        description = {"Make a store that refuses to open as damaged open again, and say exactly what it lost.",
            "",
            "Nothing is deleted: what cannot be kept (damaged records and everything after them, segment files the "
                + "store does not list, a stale MANIFEST) is moved or copied byte for byte into a quarantine "
                + "directory beside the store, with a REPAIR-REPORT.txt. The store keeps every record before the "
                + "first damage; records after a gap are never kept, as no write could have produced the holes "
                + "they would leave.",
            "The report lists the journal entries lost per stream (read from the quarantined records, or known "
                + "to be missing from the gap they leave), the other state lost, and what cannot be known.",
            "A store that opens is left unchanged. Only encrypted-file: stores can be repaired; SQLite, H2 and "
                + "PostgreSQL handle their own damage.",
            "Exit 0: nothing to repair. Exit 1: the store was damaged and is repaired (or, with --dry-run, would "
                + "be)."})
final class RepairCommand implements Callable<Integer> {
    private static final System.Logger LOGGER = System.getLogger(RepairCommand.class.getName());

    @Spec
    CommandSpec spec;

    @Mixin
    Verbosity verbosity;

    @Option(names = "--store", required = true, paramLabel = "URI",
            description = "The store, for example encrypted-file:./vault?keyset=./vault.keyset.json")
    String store;

    @Option(names = "--dry-run", description = "Say what would be done and lost; change nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        StoreSpec storeSpec = StoreSpec.parse(store);
        ExistingStore.requireExists(storeSpec);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        RepairReport report = ProviderDiscovery.scan(loader != null ? loader : getClass().getClassLoader(), LOGGER)
                .select(storeSpec).repair(storeSpec, dryRun);
        boolean opens = false;
        if (!dryRun) {
            try (Steadfast opened = ExistingStore.openReadOnly(store)) {
                opens = true;
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            RepairOutput.json(report, opens, out);
        } else {
            RepairOutput.text(report, opens, out);
        }
        out.flush();
        return report.damaged() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }
}
