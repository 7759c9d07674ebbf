package dev.steadfast.harness;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a certification: every scenario outcome (per seed), each judged against its budget, with the
 * counts of what failed. Rendered as markdown by {@link #markdown()}; {@link #signature()} is stable across
 * stores, machines and JVMs for the same seeds and budget, so it serves as a drift gate.
 *
 * @param budgetVersion            the label of the budget judged against, e.g. {@code harness-budget-v1}
 * @param outcomes                 every outcome, in the order run
 * @param budgetResults            one per outcome, same order
 * @param failedScenarios          outcomes that were not deterministic or broke an invariant
 * @param nondeterministicFailures outcomes whose two runs differed
 * @param invariantFailures        outcomes that broke an invariant
 * @param failedBudgets            budget results that failed
 */
public record Report(String budgetVersion, List<ScenarioOutcome> outcomes, List<BudgetResult> budgetResults,
                     int failedScenarios, int nondeterministicFailures, int invariantFailures, int failedBudgets) {
    /**
     * Rejects nulls; copies the lists.
     *
     * @param budgetVersion            the label of the budget judged against, e.g. {@code harness-budget-v1}
     * @param outcomes                 every outcome, in the order run
     * @param budgetResults            one per outcome, same order
     * @param failedScenarios          outcomes that were not deterministic or broke an invariant
     * @param nondeterministicFailures outcomes whose two runs differed
     * @param invariantFailures        outcomes that broke an invariant
     * @param failedBudgets            budget results that failed
     */
    public Report {
        Objects.requireNonNull(budgetVersion, "budgetVersion");
        outcomes = List.copyOf(outcomes);
        budgetResults = List.copyOf(budgetResults);
    }

    /**
     * Judges {@code outcomes} against {@code budgets} and counts the failures.
     *
     * @param budgetVersion the budgets' label, for example {@link Budgets#versionLabel()}
     * @param outcomes      the outcomes, in the order run
     * @param budgets       at most one budget per scenario
     * @return the report
     */
    public static Report of(String budgetVersion, List<ScenarioOutcome> outcomes, List<Budget> budgets) {
        List<BudgetResult> results = Budgets.evaluate(outcomes, budgets);
        int failed = (int) outcomes.stream().filter(o -> !o.passed()).count();
        int nondeterministic = (int) outcomes.stream().filter(o -> !o.deterministic()).count();
        int invariants = (int) outcomes.stream().filter(o -> !o.invariantsMet()).count();
        return new Report(budgetVersion, outcomes, results, failed, nondeterministic, invariants,
                Budgets.failures(results));
    }

    /** {@return true if there was at least one outcome and every outcome and budget passed} */
    public boolean passed() {
        return !outcomes.isEmpty() && failedScenarios == 0 && failedBudgets == 0;
    }

    /** {@return the outcomes that failed, in order} */
    public List<ScenarioOutcome> failedOutcomes() {
        return outcomes.stream().filter(o -> !o.passed()).toList();
    }

    /** {@return the budget results that failed, in order} */
    public List<BudgetResult> failedBudgetResults() {
        return budgetResults.stream().filter(r -> !r.passed()).toList();
    }

    /**
     * {@return a hex SHA-256 over the budget version, every outcome's signature and verdict, and every budget result}
     */
    public String signature() {
        StringBuilder text = new StringBuilder(budgetVersion).append('\n');
        for (ScenarioOutcome o : outcomes) {
            text.append(o.scenario().label()).append(' ').append(o.seed()).append(' ').append(o.passFailLabel())
                    .append(' ').append(o.signature()).append('\n');
        }
        for (BudgetResult r : budgetResults) {
            text.append(r.scenario().label()).append(' ').append(r.seed()).append(' ').append(r.passed())
                    .append(' ').append(r.reason()).append('\n');
        }
        return Digests.sha256Hex(text.toString());
    }

    /** {@return the report as a markdown document: verdict, outcomes, metrics, budgets and every failure in words} */
    public String markdown() {
        return MarkdownReport.render(this);
    }
}
