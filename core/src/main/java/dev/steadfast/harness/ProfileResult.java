package dev.steadfast.harness;

import java.util.List;
import java.util.Objects;

/**
 * What a wall-clock profile measured. <b>Not deterministic</b>: real threads on the system clock, so figures
 * differ from run to run and machine to machine; only the violations are a verdict.
 *
 * @param contenders   threads or processes contending for one lease
 * @param acquisitions per round, the leases each contender acquired (index = contender)
 * @param acquire      latency of {@code Leases.acquire} calls, granted or not
 * @param write        latency of fenced appends by holders
 * @param violations   invariants broken (never two owners at one epoch, no stale write lands, every
 *                     acknowledged write survives); empty when none
 */
public record ProfileResult(int contenders, List<List<Long>> acquisitions, Latency acquire, Latency write,
                            List<String> violations) {
    /**
     * Rejects nulls; copies the lists.
     *
     * @param contenders   threads or processes contending for one lease
     * @param acquisitions per round, the leases each contender acquired (index = contender)
     * @param acquire      latency of {@code Leases.acquire} calls, granted or not
     * @param write        latency of fenced appends by holders
     * @param violations   invariants broken (never two owners at one epoch, no stale write lands, every acknowledged
     *                     write survives); empty when none
     */
    public ProfileResult {
        acquisitions = acquisitions.stream().map(List::copyOf).toList();
        Objects.requireNonNull(acquire, "acquire");
        Objects.requireNonNull(write, "write");
        violations = List.copyOf(violations);
    }

    /**
     * Fairness of round {@code round}: the fewest acquisitions of a contender divided by the most (1.0 is
     * perfectly fair, 0.0 means someone was starved; 1.0 when nobody acquired).
     *
     * @param round the round, 0-based
     * @return the share, 0.0 to 1.0
     */
    public double minMaxShare(int round) {
        List<Long> counts = acquisitions.get(round);
        long max = counts.stream().mapToLong(Long::longValue).max().orElse(0);
        long min = counts.stream().mapToLong(Long::longValue).min().orElse(0);
        return max == 0 ? 1.0 : (double) min / max;
    }

    /** {@return a few markdown lines: latencies, and each round's acquisitions and fairness} */
    public String markdown() {
        StringBuilder md = new StringBuilder(
                "## Profile (wall clock, real threads or processes; not deterministic)\n\n");
        md.append("- contenders: ").append(contenders).append(" on one lease\n");
        md.append("- acquire: ").append(describe(acquire)).append('\n');
        md.append("- fenced write: ").append(describe(write)).append('\n');
        md.append("- violations: ").append(violations.isEmpty() ? "none" : String.join("; ", violations))
                .append("\n\n| round | acquisitions per contender | min/max share |\n|---:|---|---:|\n");
        for (int r = 0; r < acquisitions.size(); r++) {
            md.append("| ").append(r + 1).append(" | ").append(acquisitions.get(r)).append(" | ")
                    .append(String.format(java.util.Locale.ROOT, "%.2f", minMaxShare(r))).append(" |\n");
        }
        return md.toString();
    }

    private static String describe(Latency l) {
        return l.count() + " calls, p50 " + l.p50Us() + " µs, p95 " + l.p95Us() + " µs, p99 " + l.p99Us() + " µs";
    }
}
