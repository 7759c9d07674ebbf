package dev.steadfast.cli;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.StoreDescriptor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints an {@link Inventory} as one JSON object, for scripts. */
final class InventoryJson {
    private InventoryJson() {
    }

    static void print(Inventory inv, long nowMillis, PrintWriter out) {
        StoreDescriptor d = inv.descriptor();
        List<String> journals = new ArrayList<>();
        for (Inventory.Journal j : inv.journals()) {
            journals.add("{\"stream\":" + Json.quote(j.stream()) + ",\"head\":" + j.head()
                    + ",\"firstRetained\":" + j.firstRetained() + "}");
        }
        List<String> snapshots = new ArrayList<>();
        for (Inventory.SnapshotInfo s : inv.snapshots()) {
            snapshots.add("{\"key\":" + Json.quote(s.key()) + ",\"coveredSequence\":" + s.coveredSequence()
                    + ",\"bytes\":" + s.bytes() + "}");
        }
        List<String> fences = new ArrayList<>();
        for (Fence f : inv.fences()) {
            fences.add("{\"name\":" + Json.quote(f.name()) + ",\"owner\":" + Json.quote(f.owner()) + ",\"epoch\":"
                    + f.epoch() + ",\"leaseUntilMillis\":" + f.leaseUntilMillis() + ",\"lease\":"
                    + Json.quote(InventoryText.leaseState(f, nowMillis)) + "}");
        }
        List<String> namespaces = new ArrayList<>();
        for (Inventory.Namespace n : inv.namespaces()) {
            namespaces.add("{\"namespace\":" + Json.quote(n.name()) + ",\"records\":" + n.records()
                    + ",\"bytes\":" + n.bytes() + "}");
        }
        out.println("{\"store\":{\"scheme\":" + Json.quote(d.scheme()) + ",\"location\":" + Json.quote(d.location())
                + ",\"durable\":" + d.durable() + ",\"sharedAcrossProcesses\":" + d.sharedAcrossProcesses()
                + ",\"encrypted\":" + d.encrypted() + "},");
        out.println(" \"journals\":" + array(journals) + ",");
        out.println(" \"snapshots\":" + array(snapshots) + ",");
        out.println(" \"fences\":" + array(fences) + ",");
        out.println(" \"namespaces\":" + array(namespaces) + "}");
        out.flush();
    }

    private static String array(List<String> items) {
        return items.isEmpty() ? "[]" : "[\n  " + String.join(",\n  ", items) + "]";
    }
}
