package dev.steadfast.cli;

import dev.steadfast.Steadfast;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code steadfast inspect}: lists what a store holds, read through the store's read API only. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"List what a store holds: journals with their heads and retained range, snapshots (key, "
                + "covered sequence, size), fences (owner, epoch, lease) and record namespaces (records, bytes).",
            "Reads only; a store that does not exist is an error, never created."})
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Verbosity verbosity;

    @Option(names = QuickPath.STORE, required = true, paramLabel = "URI",
            description = "The store, for example sqlite:./steadfast-demo.db, h2:./data/app, "
                    + "encrypted-file:./vault?keyset=./vault.keyset.json, postgresql://db:5432/app")
    String store;

    @Option(names = QuickPath.JSON, description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        return run(store, json, spec.commandLine().getOut());
    }

    /** Lists what {@code store} holds on {@code out}; used by {@link QuickPath} too. */
    static int run(String store, boolean json, PrintWriter out) {
        Inventory inventory;
        long now;
        try (Steadfast steadfast = ExistingStore.openReadOnly(store)) {
            inventory = Inventory.of(steadfast.store());
            now = steadfast.clock().millis();
        }
        if (json) {
            InventoryJson.print(inventory, now, out);
        } else {
            InventoryText.print(inventory, now, out);
        }
        return ExitCodes.OK;
    }
}
