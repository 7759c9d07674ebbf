package dev.steadfast.harness;

import java.util.List;

/** Renders a {@link Report} as markdown; the same report always renders to the same text. */
final class MarkdownReport {
    private MarkdownReport() {
    }

    static String render(Report r) {
        StringBuilder md = new StringBuilder();
        md.append("# Contention certification: ").append(r.passed() ? "PASS" : "FAIL").append("\n\n");
        md.append("- mode: deterministic (simulated clock, seeded scheduler; each scenario run twice)\n");
        md.append("- seeds: ").append(seeds(r.outcomes())).append('\n');
        md.append("- budget: ").append(r.budgetVersion()).append('\n');
        md.append("- failed scenarios: ").append(r.failedScenarios()).append(" (nondeterministic ")
                .append(r.nondeterministicFailures()).append(", invariant failures ").append(r.invariantFailures())
                .append("); failed budgets: ").append(r.failedBudgets()).append('\n');
        md.append("- signature: `").append(r.signature()).append("`\n\n");
        md.append("## Outcomes\n\n| scenario | seed | result | deterministic | invariants | signature |\n")
                .append("|---|---:|---|---|---|---|\n");
        for (ScenarioOutcome o : r.outcomes()) {
            md.append("| ").append(o.scenario().label()).append(" | ").append(o.seed()).append(" | ")
                    .append(o.passFailLabel()).append(" | ").append(yes(o.deterministic())).append(" | ")
                    .append(yes(o.invariantsMet())).append(" | `").append(o.signature(), 0, 16).append("` |\n");
        }
        md.append("\n## Metrics\n\n| scenario | seed | conflicts | split-brain | stale-owner | invalid-token "
                + "| takeovers | early takeovers | lease-window p95 ms | lease queue peak | takeover queue peak "
                + "| retries | checkpoint-window events | replay window ms | acknowledged writes "
                + "| stale writes refused | worst lease share \u2030 |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:"
                + "|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ScenarioOutcome o : r.outcomes()) {
            Metrics m = o.metrics();
            md.append("| ").append(o.scenario().label()).append(" | ").append(o.seed());
            for (long v : new long[] {m.ownershipConflicts(), m.splitBrainRejections(), m.staleOwnerRejections(),
                m.invalidTokenRejections(), m.takeoverSuccesses(), m.earlyTakeovers(), m.leaseWindowP95Ms(),
                m.leaseQueuePeak(), m.takeoverQueuePeak(), m.retryAttempts(), m.checkpointWindowEvents(),
                m.replayWindowMs(), m.acknowledgedWrites(), m.staleWritesRefused(), m.leaseShareWorstPermille()}) {
                md.append(" | ").append(v);
            }
            md.append(" |\n");
        }
        md.append("\n## Budgets (").append(r.budgetVersion()).append(")\n\n| scenario | seed | result | reason |\n")
                .append("|---|---:|---|---|\n");
        for (BudgetResult b : r.budgetResults()) {
            md.append("| ").append(b.scenario().label()).append(" | ").append(b.seed()).append(" | ")
                    .append(b.passed() ? "pass" : "fail").append(" | ").append(b.reason()).append(" |\n");
        }
        md.append("\n## Failures\n\n");
        if (r.failedOutcomes().isEmpty() && r.failedBudgetResults().isEmpty()) {
            md.append("None.\n");
        }
        for (ScenarioOutcome o : r.failedOutcomes()) {
            md.append("- ").append(o.scenario().label()).append(" seed ").append(o.seed()).append(": ")
                    .append(o.deterministic() ? "" : "nondeterministic: the two runs gave different signatures; ")
                    .append(String.join("; ", o.violations())).append(" (replay with seed ").append(o.seed())
                    .append(")\n");
        }
        for (BudgetResult b : r.failedBudgetResults()) {
            md.append("- ").append(b.scenario().label()).append(" seed ").append(b.seed()).append(" over budget: ")
                    .append(b.reason()).append('\n');
        }
        return md.toString();
    }

    private static String seeds(List<ScenarioOutcome> outcomes) {
        long min = outcomes.stream().mapToLong(ScenarioOutcome::seed).min().orElse(0);
        long max = outcomes.stream().mapToLong(ScenarioOutcome::seed).max().orElse(0);
        return outcomes.isEmpty() ? "none" : min == max ? Long.toString(min) : min + ".." + max;
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }
}
