package dev.steadfast.cli;

import dev.steadfast.harness.BudgetResult;
import dev.steadfast.harness.Budgets;
import dev.steadfast.harness.Harness;
import dev.steadfast.harness.ProfileResult;
import dev.steadfast.harness.Profiler;
import dev.steadfast.harness.ScenarioOutcome;
import dev.steadfast.harness.SearchResult;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the contention matrix over a store and narrates it: one check per scenario and seed as it completes (the
 * progress line), saying what failed and how to replay it. Shared by {@code certify} and the end of {@code demo}.
 */
final class Certification {
    private static final Logger LIBRARY_LOG = Logger.getLogger("dev.steadfast");
    private final Narrator say;
    private final String replayUri;
    private final String shownUri;

    /**
     * @param replayUri the store URI the profile's contender processes open, printed with its secret option values
     *                  hidden in the replay command of a failing seed
     */
    Certification(Narrator say, String replayUri) {
        this.say = say;
        this.replayUri = replayUri;
        this.shownUri = StoreSpec.parse(replayUri).toString();
    }

    SearchResult run(Store store, long firstSeed, int seeds) {
        Level before = LIBRARY_LOG.getLevel();
        // The matrix provokes split brains and forged tokens on purpose and counts them itself; the library's
        // operator warnings for each refused takeover would bury the narration.
        LIBRARY_LOG.setLevel(Level.SEVERE);
        try {
            return Harness.over(store).search(firstSeed, seeds, this::narrate);
        } finally {
            LIBRARY_LOG.setLevel(before);
        }
    }

    /**
     * Profile mode on the wall clock: contenders in processes of their own when the store is shared across
     * processes, else threads of this JVM; prints latencies and each round's fairness.
     */
    ProfileResult profile(Store store, int contenders, int rounds, Duration roundLength)
            throws InterruptedException, IOException {
        boolean processes = store.descriptor().sharedAcrossProcesses();
        say.title("");
        say.title("Profile mode: " + contenders + (processes ? " processes" : " threads") + " on one lease, "
                + rounds + " rounds of " + roundLength.toMillis() + " ms on the wall clock (figures are not "
                + "deterministic)");
        String namespace = Harness.over(store).namespace();
        ProfileResult p = processes
                ? new ProfileProcesses(replayUri, namespace, contenders, rounds, roundLength).run(store)
                : Profiler.run(store, namespace, contenders, rounds, roundLength);
        say.line("acquire: p50 " + p.acquire().p50Us() + " µs, p95 " + p.acquire().p95Us() + " µs, p99 "
                + p.acquire().p99Us() + " µs (" + p.acquire().count() + " calls)");
        say.line("fenced write: p50 " + p.write().p50Us() + " µs, p95 " + p.write().p95Us() + " µs, p99 "
                + p.write().p99Us() + " µs (" + p.write().count() + " calls)");
        for (int r = 0; r < rounds; r++) {
            say.line(String.format(Locale.ROOT, "round %d: acquisitions per contender %s, min/max share %.2f", r + 1,
                    p.acquisitions().get(r), p.minMaxShare(r)));
        }
        say.check("profile invariants", p.violations().isEmpty(), p.violations().isEmpty()
                ? "never two owners at one epoch, no stale write landed, every acknowledged write survived"
                : String.join("; ", p.violations()));
        return p;
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
        why.append("replay: steadfast certify --store ").append(shownUri).append(" --seed ").append(o.seed());
        say.check(name, false, why.toString());
    }
}
