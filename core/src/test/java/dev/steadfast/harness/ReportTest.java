package dev.steadfast.harness;

import static dev.steadfast.harness.BudgetsTest.metrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static final ScenarioOutcome GOOD = new ScenarioOutcome(Scenario.OWNERSHIP_FENCING_CONTENTION, 4, true,
            true, "a".repeat(64), metrics(0, 0, 0, 0, 0, 0), List.of());
    private static final ScenarioOutcome BROKEN = new ScenarioOutcome(Scenario.CLOCK_SKEW, 4, false, false,
            "b".repeat(64), metrics(0, 0, 0, 9, 0, 0), List.of("no stale write lands: write 'c1@1#2' landed"));

    @Test
    void aReportOfPassingOutcomesWithinBudgetPassesAndRendersEverySection() {
        Report r = Report.of("v-test", List.of(GOOD), Budgets.defaults());

        assertTrue(r.passed());
        String md = r.markdown();
        assertTrue(md.startsWith("# Contention certification: PASS\n"), md);
        for (String section : List.of("## Outcomes", "## Metrics", "## Budgets (v-test)", "## Failures\n\nNone.")) {
            assertTrue(md.contains(section), section + " in\n" + md);
        }
        assertTrue(md.contains("| OwnershipFencingContention | 4 | pass | yes | yes | `aaaaaaaaaaaaaaaa` |"), md);
        assertTrue(md.contains("- signature: `" + r.signature() + "`"), md);
    }

    @Test
    void failuresAreCountedByKindAndEachIsNamedWithItsSeed() {
        Report r = Report.of("v-test", List.of(GOOD, BROKEN), Budgets.defaults());

        assertFalse(r.passed());
        assertEquals(1, r.failedScenarios());
        assertEquals(1, r.nondeterministicFailures());
        assertEquals(1, r.invariantFailures());
        assertEquals(1, r.failedBudgets());
        String md = r.markdown();
        assertTrue(md.contains("- ClockSkew seed 4: nondeterministic: the two runs gave different signatures; "
                + "no stale write lands: write 'c1@1#2' landed (replay with seed 4)"), md);
        assertTrue(md.contains("- ClockSkew seed 4 over budget: queue depth 9 exceeds the budget of 3"), md);
    }

    @Test
    void theSignatureDependsOnlyOnTheContentAndMovesWithIt() {
        Report one = Report.of("v-test", List.of(GOOD, BROKEN), Budgets.defaults());
        Report same = Report.of("v-test", List.of(GOOD, BROKEN), Budgets.defaults());

        assertEquals(one.signature(), same.signature());
        assertEquals(one.markdown(), same.markdown());
        assertNotEquals(one.signature(), Report.of("v-other", List.of(GOOD, BROKEN), Budgets.defaults()).signature());
        assertNotEquals(one.signature(), Report.of("v-test", List.of(GOOD), Budgets.defaults()).signature());
    }

    @Test
    void anEmptyReportDoesNotPass() {
        assertFalse(Report.of("v-test", List.of(), Budgets.defaults()).passed());
    }
}
