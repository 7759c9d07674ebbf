package dev.steadfast.harness;

import java.util.Objects;

/**
 * One outcome judged against its scenario's budget.
 *
 * @param scenario the scenario
 * @param seed     the seed of the outcome judged
 * @param passed   whether every limit held
 * @param reason   {@code within budget}, or every limit exceeded with the measured and allowed value, or that no
 *                 budget was given for the scenario
 */
public record BudgetResult(Scenario scenario, long seed, boolean passed, String reason) {
    /**
     * Rejects nulls.
     *
     * @param scenario the scenario
     * @param seed     the seed of the outcome judged
     * @param passed   whether every limit held
     * @param reason   {@code within budget}, or every limit exceeded with the measured and allowed value, or that no
     *                 budget was given for the scenario
     */
    public BudgetResult {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(reason, "reason");
    }
}
