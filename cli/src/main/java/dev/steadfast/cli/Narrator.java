package dev.steadfast.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the demo as it happens (every line flushed at once) and keeps the tally of its checks for the summary.
 */
final class Narrator {
    private final PrintWriter out;
    private final List<String> passed = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    Narrator(PrintWriter out) {
        this.out = out;
    }

    void title(String text) {
        print(text);
    }

    void step(int number, String text) {
        print("");
        print("Step " + number + ". " + text);
    }

    void line(String text) {
        print("        " + text);
    }

    void detail(String text) {
        print("          " + text);
    }

    /** Records a check and prints its verdict with the evidence. */
    boolean check(String name, boolean held, String evidence) {
        (held ? passed : failed).add(name);
        print("        " + (held ? "[ok]     " : "[FAILED] ") + name + ": " + evidence);
        return held;
    }

    /** Records a warning: printed and counted in the summary, but the run still passes. */
    void warn(String name, String evidence) {
        warnings.add(name);
        print("        [warning] " + name + ": " + evidence);
    }

    boolean allHeld() {
        return failed.isEmpty() && !passed.isEmpty();
    }

    /** The closing line: PASS with the count, or FAIL naming what did not hold. */
    void summary(long elapsedMs) {
        print("");
        String time = String.format("%.1f s", elapsedMs / 1000.0)
                + (warnings.isEmpty() ? "" : "; warnings: " + String.join("; ", warnings));
        if (allHeld()) {
            print("PASS: all " + passed.size() + " checks held (" + time + ")");
        } else {
            print("FAIL: " + failed.size() + " of " + (passed.size() + failed.size()) + " checks failed: "
                    + String.join("; ", failed) + " (" + time + ")");
        }
    }

    private void print(String line) {
        out.println(line);
        out.flush();
    }
}
