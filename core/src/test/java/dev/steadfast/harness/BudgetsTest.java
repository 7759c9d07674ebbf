package dev.steadfast.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetsTest {
    static Metrics metrics(long leaseP95, long checkpointEvents, long replayMs, long leaseQueue, long takeoverQueue,
                           long retries) {
        return new Metrics(0, 0, 0, 0, 0, leaseP95, leaseQueue, takeoverQueue, retries, checkpointEvents, replayMs,
                0, 0, 0, 0);
    }

    static ScenarioOutcome outcome(Scenario s, Metrics m) {
        return new ScenarioOutcome(s, 9, true, true, "sig", m, List.of());
    }

    @Test
    void theDefaultBudgetIsVersionedAndCoversEveryScenarioOnce() {
        assertEquals("harness-budget-v" + Budgets.VERSION, Budgets.versionLabel());
        assertEquals(Arrays.asList(Scenario.values()), Budgets.defaults().stream().map(Budget::scenario).toList());
    }

    @Test
    void anOutcomeWithinItsBudgetPasses() {
        Budget b = new Budget(Scenario.LEASE_RENEWAL_CONTENTION, 4000, 0, 0, 3, 0);
        List<BudgetResult> r = Budgets.evaluate(
                List.of(outcome(Scenario.LEASE_RENEWAL_CONTENTION, metrics(4000, 0, 0, 3, 0, 0))), List.of(b));

        assertEquals(List.of(new BudgetResult(Scenario.LEASE_RENEWAL_CONTENTION, 9, true, "within budget")), r);
    }

    @Test
    void everyExceededLimitIsNamedWithTheMeasuredAndTheAllowedValue() {
        Budget b = new Budget(Scenario.CHECKPOINT_REPLAY_WINDOWS, 10, 8, 350, 2, 5);
        BudgetResult r = Budgets.evaluate(List.of(outcome(Scenario.CHECKPOINT_REPLAY_WINDOWS,
                metrics(11, 9, 351, 1, 3, 6))), List.of(b)).get(0);

        assertFalse(r.passed());
        assertEquals("lease-window p95 11 ms exceeds the budget of 10 ms; checkpoint-window events 9 exceeds the "
                + "budget of 8; replay window 351 ms exceeds the budget of 350 ms; queue depth 3 exceeds the budget "
                + "of 2; retry attempts 6 exceeds the budget of 5", r.reason());
        assertEquals(1, Budgets.failures(List.of(r)));
    }

    @Test
    void anOutcomeWithoutABudgetFails() {
        BudgetResult r = Budgets.evaluate(List.of(outcome(Scenario.CLOCK_SKEW, metrics(0, 0, 0, 0, 0, 0))),
                List.of(new Budget(Scenario.LEASE_RENEWAL_CONTENTION, 1, 1, 1, 1, 1))).get(0);

        assertFalse(r.passed());
        assertEquals("no budget for scenario ClockSkew", r.reason());
    }

    @Test
    void twoBudgetsForOneScenarioAndNegativeLimitsAreRejectedByName() {
        Budget b = new Budget(Scenario.CLOCK_SKEW, 1, 1, 1, 1, 1);
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Budgets.evaluate(List.of(), List.of(b, b)));
        assertTrue(twice.getMessage().startsWith("two budgets for scenario ClockSkew"), twice.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> new Budget(Scenario.CLOCK_SKEW, 1, 1, -1, 1, 1));
        assertEquals("budget maxReplayWindowMs must be >= 0, was -1", negative.getMessage());
    }

    @Test
    void scenariosAreFoundByTheirLabelAndAnUnknownLabelListsTheKnownOnes() {
        for (Scenario s : Scenario.values()) {
            assertEquals(s, Scenario.ofLabel(s.label()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenario.ofLabel("Nope"));
        assertTrue(e.getMessage().contains("'Nope'") && e.getMessage().contains("OwnershipFencingContention, "
                + "LeaseRenewalContention, TakeoverQueueRetryPressure, CheckpointReplayWindows, ClockSkew"),
                e.getMessage());
    }
}
