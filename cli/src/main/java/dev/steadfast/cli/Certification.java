package dev.steadfast.cli;

import dev.steadfast.harness.BudgetResult;
import dev.steadfast.harness.Budgets;
import dev.steadfast.harness.Harness;
import dev.steadfast.harness.ScenarioOutcome;
import dev.steadfast.harness.SearchResult;
import dev.steadfast.spi.Store;
import java.util.List;

/**
 * Runs the contention matrix over a store and narrates it: one check per scenario and seed as it completes (the
 * progress line), saying what failed and how to replay it. Shared by {@code certify} and the end of {@code demo}.
 */
final class Certification {
    private final Narrator say;
    private final String replayUri;

    /** @param replayUri the store URI printed in the replay command of a failing seed */
    Certification(Narrator say, String replayUri) {
        this.say = say;
        this.replayUri = replayUri;
    }

    SearchResult run(Store store, long firstSeed, int seeds) {
        return Harness.over(store).search(firstSeed, seeds, this::narrate);
    }

    private void narrate(ScenarioOutcome o) {
        BudgetResult budget = Budgets.evaluate(List.of(o), Budgets.defaults()).get(0);
        String name = o.scenario().label() + " seed " + o.seed();
        if (o.passed() && budget.passed()) {
            say.check(name, true, "deterministic, invariants held, within " + Budgets.versionLabel()
                    + " (signature " + o.signature().substring(0, 12) + ")");
            return;
        }
        StringBuilder why = new StringBuilder();
        if (!o.deterministic()) {
            why.append("nondeterministic: the two runs gave different signatures; ");
        }
        o.violations().forEach(v -> why.append(v).append("; "));
        if (!budget.passed()) {
            why.append("over budget: ").append(budget.reason()).append("; ");
        }
        why.append("replay: steadfast certify --store ").append(replayUri).append(" --seed ").append(o.seed());
        say.check(name, false, why.toString());
    }
}
