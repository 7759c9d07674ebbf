package dev.steadfast.cli;

import dev.steadfast.spi.RepairReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** Prints a {@link RepairReport} for people (bounded lists) or as one JSON object for scripts (everything). */
final class RepairOutput {
    private static final int MAX_SHOWN = 50;

    private RepairOutput() {
    }

    static void text(RepairReport r, boolean opens, PrintWriter out) {
        if (!r.damaged()) {
            out.println("OK: store " + r.store() + " opens as it is; nothing to repair, nothing changed");
            return;
        }
        out.println((r.dryRun() ? "WOULD REPAIR (dry run, nothing changed): " : "REPAIRED: ") + r.store());
        out.println("quarantine: " + r.quarantine());
        section(out, "done" + (r.dryRun() ? " (would be)" : ""), r.actions());
        section(out, "journal entries lost", r.lostEntries().stream().map(l -> l.stream() + ": " + l.firstSequence()
                + ".." + l.lastSequence() + (l.contentRead() ? " (read from the quarantined records)"
                : " (content could not be read)")).collect(Collectors.toList()));
        section(out, "other state lost", r.otherLosses());
        section(out, "cannot be known", r.unknowns());
        if (opens) {
            out.println("the store opens: checked");
        }
    }

    private static void section(PrintWriter out, String title, List<String> lines) {
        out.println(title + ": " + (lines.isEmpty() ? "none" : lines.size()));
        lines.stream().limit(MAX_SHOWN).forEach(l -> out.println("  " + l));
        if (lines.size() > MAX_SHOWN) {
            out.println("  ... and " + (lines.size() - MAX_SHOWN) + " more (all in --json and in the quarantine's"
                    + " REPAIR-REPORT.txt)");
        }
    }

    static void json(RepairReport r, boolean opens, PrintWriter out) {
        String lost = r.lostEntries().stream().map(l -> "{\"stream\":" + Json.quote(l.stream().value())
                + ",\"firstSequence\":" + l.firstSequence() + ",\"lastSequence\":" + l.lastSequence()
                + ",\"contentRead\":" + l.contentRead() + "}").collect(Collectors.joining(",", "[", "]"));
        out.println("{\"store\":" + Json.quote(r.store()) + ",\"damaged\":" + r.damaged() + ",\"dryRun\":"
                + r.dryRun() + ",\"quarantine\":" + Json.quote(r.quarantine()) + ",\"opens\":" + opens + ",");
        out.println(" \"actions\":" + strings(r.actions()) + ",");
        out.println(" \"lostEntries\":" + lost + ",");
        out.println(" \"otherLosses\":" + strings(r.otherLosses()) + ",");
        out.println(" \"unknowns\":" + strings(r.unknowns()) + "}");
    }

    private static String strings(List<String> items) {
        return items.stream().map(Json::quote).collect(Collectors.joining(",", "[", "]"));
    }
}
