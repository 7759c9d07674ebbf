package dev.steadfast.cli;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.StoreDescriptor;
import java.io.PrintWriter;
import java.time.Instant;

/** Prints an {@link Inventory} for people: one section per kind of state, one line per item. */
final class InventoryText {
    private InventoryText() {
    }

    static void print(Inventory inv, long nowMillis, PrintWriter out) {
        StoreDescriptor d = inv.descriptor();
        out.printf("%s store %s  (durable: %s, shared across processes: %s, encrypted: %s)%n", d.scheme(),
                d.location(), yesNo(d.durable()), yesNo(d.sharedAcrossProcesses()), yesNo(d.encrypted()));
        out.printf("%njournals (%d)%n", inv.journals().size());
        for (Inventory.Journal j : inv.journals()) {
            String retained = j.firstRetained() == 0 ? "no entries retained"
                    : "entries " + j.firstRetained() + ".." + j.head() + " retained";
            out.printf("  %-40s head %-8d %s%n", j.stream(), j.head(), retained);
        }
        out.printf("%nsnapshots (%d)%n", inv.snapshots().size());
        for (Inventory.SnapshotInfo s : inv.snapshots()) {
            out.printf("  %-40s covers sequence %-8d %d bytes%n", s.key(), s.coveredSequence(), s.bytes());
        }
        out.printf("%nfences (%d)%n", inv.fences().size());
        for (Fence f : inv.fences()) {
            out.printf("  %-40s owner %-16s epoch %-6d %s%n", f.name(), "'" + f.owner() + "'", f.epoch(),
                    lease(f, nowMillis));
        }
        out.printf("%nrecord namespaces (%d)%n", inv.namespaces().size());
        for (Inventory.Namespace n : inv.namespaces()) {
            out.printf("  %-40s %d records, %d bytes%n", n.name(), n.records(), n.bytes());
        }
        out.flush();
    }

    /** The lease in words: held without expiry, released, or running/ended at an instant. */
    static String lease(Fence f, long nowMillis) {
        return switch (leaseState(f, nowMillis)) {
            case "none" -> "held without a lease";
            case "released" -> "lease released";
            case "active" -> "lease until " + Instant.ofEpochMilli(f.leaseUntilMillis());
            default -> "lease ended " + Instant.ofEpochMilli(f.leaseUntilMillis());
        };
    }

    /** One of {@code none}, {@code released}, {@code active}, {@code expired}. */
    static String leaseState(Fence f, long nowMillis) {
        if (f.leaseUntilMillis() == Long.MAX_VALUE) {
            return "none";
        }
        if (f.leaseUntilMillis() == 0) {
            return "released";
        }
        return f.leasedAt(nowMillis) ? "active" : "expired";
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
