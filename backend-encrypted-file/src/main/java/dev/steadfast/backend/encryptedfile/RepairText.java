package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.RepairReport;

/** The report a repair leaves in its quarantine directory, so the files there explain themselves. */
final class RepairText {
    private RepairText() {
    }

    static String of(RepairReport r) {
        StringBuilder sb = new StringBuilder("steadfast repair of ").append(r.store()).append('\n');
        sb.append("\nDone:\n");
        r.actions().forEach(a -> sb.append("  ").append(a).append('\n'));
        sb.append("\nJournal entries lost (stream: first..last):\n");
        r.lostEntries().forEach(l -> sb.append("  ").append(l.stream()).append(": ").append(l.firstSequence())
                .append("..").append(l.lastSequence()).append(l.contentRead() ? "" : " (content could not be read)")
                .append('\n'));
        sb.append("\nOther state lost:\n");
        r.otherLosses().forEach(o -> sb.append("  ").append(o).append('\n'));
        sb.append("\nCannot be known:\n");
        r.unknowns().forEach(u -> sb.append("  ").append(u).append('\n'));
        return sb.toString();
    }
}
