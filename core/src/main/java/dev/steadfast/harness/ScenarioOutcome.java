package dev.steadfast.harness;

import java.util.List;
import java.util.Objects;

/**
 * One scenario at one seed, run twice on fresh names in the same store.
 *
 * @param scenario      what ran
 * @param seed          the seed that decided every interleaving; replaying it repeats the run exactly
 * @param deterministic whether both runs gave the same signature
 * @param invariantsMet whether no invariant was violated in either run
 * @param signature     the first run's signature: a hex SHA-256 over the scenario, seed, metrics and the trace
 *                      of every step's outcome (never over store names, so it is the same on every store)
 * @param metrics       the first run's measurements
 * @param violations    what broke, one sentence each naming the invariant (empty when none); the second run's
 *                      are added when they differ
 */
public record ScenarioOutcome(Scenario scenario, long seed, boolean deterministic, boolean invariantsMet,
                              String signature, Metrics metrics, List<String> violations) {
    /**
     * Rejects nulls; copies the list.
     *
     * @param scenario      what ran
     * @param seed          the seed that decided every interleaving; replaying it repeats the run exactly
     * @param deterministic whether both runs gave the same signature
     * @param invariantsMet whether no invariant was violated in either run
     * @param signature     the first run's signature: a hex SHA-256 over the scenario, seed, metrics and the trace of
     *                      every step's outcome (never over store names, so it is the same on every store)
     * @param metrics       the first run's measurements
     * @param violations    what broke, one sentence each naming the invariant (empty when none); the second run's are
     *                      added when they differ
     */
    public ScenarioOutcome {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(metrics, "metrics");
        violations = List.copyOf(violations);
    }

    /** {@return true if both runs agreed and every invariant was met (budgets are judged separately)} */
    public boolean passed() {
        return deterministic && invariantsMet;
    }

    /** {@return {@code pass} or {@code fail}, as {@link #passed()} says} */
    public String passFailLabel() {
        return passed() ? "pass" : "fail";
    }
}
