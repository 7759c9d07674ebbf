package dev.steadfast.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The default contention budget, versioned, and the judging of outcomes against a budget.
 *
 * <p>The default limits follow from each scenario's own settings (lease TTL, retry policy, checkpoint interval,
 * number of contenders) rather than from a machine: the runs are on a simulated clock, so a store that behaves as
 * the SPI promises measures the same on every backend and every machine. A change to a scenario or a limit bumps
 * {@link #VERSION}, so a drift gate comparing signatures sees why they moved.
 */
public final class Budgets {
    /** The version of {@link #defaults()}. */
    public static final int VERSION = 1;

    private Budgets() {
    }

    /** {@return the label of the default budgets, {@code harness-budget-v<VERSION>}; it changes when they do} */
    public static String versionLabel() {
        return "harness-budget-v" + VERSION;
    }

    /** {@return the default budgets, one per scenario} */
    public static List<Budget> defaults() {
        return List.of(
                // No leases or checkpoints: only the absence of queues is budgeted.
                new Budget(Scenario.OWNERSHIP_FENCING_CONTENTION, 0, 0, 0, 0, 0),
                // A lease runs a TTL and at most three renewals add a TTL each; at most every other contender waits.
                new Budget(Scenario.LEASE_RENEWAL_CONTENTION, LeaseContention.LEASE_WINDOW_BOUND_MS, 0, 0,
                        LeaseContention.CONTENDERS - 1, 0),
                // Every queued contender may use its whole retry policy.
                new Budget(Scenario.TAKEOVER_QUEUE_RETRY_PRESSURE, 0, 0, 0, TakeoverQueueRetryPressure.QUEUED,
                        TakeoverQueueRetryPressure.RETRY_BOUND),
                // Recovery replays at most one checkpoint interval (plus the markers written since).
                new Budget(Scenario.CHECKPOINT_REPLAY_WINDOWS, 0, CheckpointReplayWindows.CHECKPOINT_EVERY,
                        CheckpointReplayWindows.REPLAY_BOUND_MS, 0, 0),
                new Budget(Scenario.CLOCK_SKEW, LeaseContention.LEASE_WINDOW_BOUND_MS, 0, 0,
                        LeaseContention.CONTENDERS - 1, 0));
    }

    /**
     * Judges every outcome against the budget for its scenario; an outcome whose scenario has no budget fails.
     *
     * @param outcomes the outcomes judged
     * @param budgets  at most one budget per scenario
     * @return one result per outcome, in the outcomes' order
     * @throws IllegalArgumentException if {@code budgets} holds two budgets for one scenario
     */
    public static List<BudgetResult> evaluate(List<ScenarioOutcome> outcomes, List<Budget> budgets) {
        Objects.requireNonNull(outcomes, "outcomes");
        Objects.requireNonNull(budgets, "budgets");
        for (int i = 0; i < budgets.size(); i++) {
            for (int j = i + 1; j < budgets.size(); j++) {
                if (budgets.get(i).scenario() == budgets.get(j).scenario()) {
                    throw new IllegalArgumentException("two budgets for scenario "
                            + budgets.get(i).scenario().label() + ": " + budgets.get(i) + " and " + budgets.get(j));
                }
            }
        }
        List<BudgetResult> results = new ArrayList<>(outcomes.size());
        for (ScenarioOutcome o : outcomes) {
            Optional<Budget> budget = budgets.stream().filter(b -> b.scenario() == o.scenario()).findFirst();
            results.add(budget.map(b -> judge(o, b)).orElseGet(() -> new BudgetResult(o.scenario(), o.seed(), false,
                    "no budget for scenario " + o.scenario().label())));
        }
        return List.copyOf(results);
    }

    /**
     * Counts failed budget results.
     *
     * @param results budget results
     * @return how many of {@code results} failed
     */
    public static int failures(List<BudgetResult> results) {
        return (int) results.stream().filter(r -> !r.passed()).count();
    }

    private static BudgetResult judge(ScenarioOutcome o, Budget b) {
        Metrics m = o.metrics();
        List<String> over = new ArrayList<>();
        exceeds(over, "lease-window p95", m.leaseWindowP95Ms(), b.maxLeaseWindowP95Ms(), " ms");
        exceeds(over, "checkpoint-window events", m.checkpointWindowEvents(), b.maxCheckpointWindowEvents(), "");
        exceeds(over, "replay window", m.replayWindowMs(), b.maxReplayWindowMs(), " ms");
        exceeds(over, "queue depth", Math.max(m.leaseQueuePeak(), m.takeoverQueuePeak()), b.maxQueueDepth(), "");
        exceeds(over, "retry attempts", m.retryAttempts(), b.maxRetryAttempts(), "");
        return new BudgetResult(o.scenario(), o.seed(), over.isEmpty(),
                over.isEmpty() ? "within budget" : String.join("; ", over));
    }

    private static void exceeds(List<String> over, String what, long measured, long limit, String unit) {
        if (measured > limit) {
            over.add(what + " " + measured + unit + " exceeds the budget of " + limit + unit);
        }
    }
}
