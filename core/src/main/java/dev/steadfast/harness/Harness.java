package dev.steadfast.harness;

import dev.steadfast.spi.Names;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The deterministic contention harness: runs the {@link Scenario}s against a store on a simulated clock, with a
 * seeded scheduler deciding every interleaving, so that a run is a pure function of the scenario, the seed and
 * the store's behaviour.
 *
 * <p>{@link #runScenario} runs a scenario twice and requires the same signature both times; it checks the
 * invariants (never two owners at one epoch, epochs only grow, no stale write lands, every acknowledged write
 * survives, an expired lease lets the next contender in) and reports {@link Metrics}. {@link #runMatrix} runs
 * every scenario at one seed and judges them against the default budget; {@link #search} runs seeds in turn and
 * stops at the first failure, whose seed replays it exactly.
 *
 * <p>Every run writes under fresh names below this harness's namespace and leaves what it wrote in place (it
 * never deletes), so certifying a store that holds data does not touch that data. Not thread-safe: one run at a
 * time. Store faults ({@link StoreException}) propagate; anything else a run throws is reported as a violation.
 */
public final class Harness {
    private final Store store;
    private final String namespace;
    private final AtomicLong runs = new AtomicLong();

    /**
     * A harness writing below {@code namespace} in {@code store}. Two harnesses must not share a namespace in one
     * store: each run's names are fresh only within its harness.
     *
     * @param store     where the scenarios write
     * @param namespace the name every run of this harness writes below
     * @throws IllegalArgumentException if {@code namespace} is not a valid name
     */
    public Harness(Store store, String namespace) {
        this.store = Objects.requireNonNull(store, "store");
        this.namespace = Names.require("harness namespace", namespace);
    }

    /**
     * A harness over {@code store} in a namespace of its own, {@code harness/<time>-<random>}.
     *
     * @param store where the scenarios write
     * @return a harness whose namespace no other harness shares
     */
    public static Harness over(Store store) {
        return new Harness(store, "harness/" + Long.toString(System.currentTimeMillis(), 36) + "-"
                + Long.toString(ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFFL, 36));
    }

    /** {@return the namespace every run of this harness writes below} */
    public String namespace() {
        return namespace;
    }

    /**
     * Runs {@code scenario} at {@code seed} twice and compares the runs.
     *
     * @param scenario the scenario
     * @param seed     decides every choice of the scenario's scheduler: the same seed, the same run
     * @return whether both runs agreed, the invariants each broke, and the metrics
     */
    public ScenarioOutcome runScenario(Scenario scenario, long seed) {
        Objects.requireNonNull(scenario, "scenario");
        Attempt first = attempt(scenario, seed);
        Attempt second = attempt(scenario, seed);
        List<String> violations = new ArrayList<>(first.violations());
        second.violations().stream().filter(v -> !violations.contains(v)).forEach(violations::add);
        return new ScenarioOutcome(scenario, seed, first.signature().equals(second.signature()),
                violations.isEmpty(), first.signature(), first.metrics(), violations);
    }

    /**
     * Runs every scenario at {@code seed} and judges the outcomes against {@link Budgets#defaults()}.
     *
     * @param seed the seed of every scenario's scheduler
     * @return the outcomes, the budget results and the verdict
     */
    public Report runMatrix(long seed) {
        return search(seed, 1, o -> { }).report();
    }

    /**
     * Runs the matrix at seeds {@code firstSeed, firstSeed + 1, ...}, at most {@code seeds} of them, stopping
     * after the first seed whose matrix fails (an outcome or a budget).
     *
     * @param firstSeed the first seed tried
     * @param seeds     the most seeds tried, {@code >= 1}
     * @param progress  told of each outcome as it completes
     * @return the seeds tried and the first failing matrix, if any
     * @throws IllegalArgumentException if {@code seeds < 1}
     */
    public SearchResult search(long firstSeed, int seeds, Consumer<ScenarioOutcome> progress) {
        Objects.requireNonNull(progress, "progress");
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds to search must be >= 1, was " + seeds);
        }
        List<ScenarioOutcome> outcomes = new ArrayList<>();
        List<Budget> budgets = Budgets.defaults();
        for (int i = 0; i < seeds; i++) {
            long seed = firstSeed + i;
            List<ScenarioOutcome> ofSeed = new ArrayList<>();
            for (Scenario s : Scenario.values()) {
                ScenarioOutcome o = runScenario(s, seed);
                ofSeed.add(o);
                progress.accept(o);
            }
            outcomes.addAll(ofSeed);
            if (!Report.of(Budgets.versionLabel(), ofSeed, budgets).passed()) {
                return new SearchResult(firstSeed, i + 1, OptionalLong.of(seed),
                        Report.of(Budgets.versionLabel(), outcomes, budgets));
            }
        }
        return new SearchResult(firstSeed, seeds, OptionalLong.empty(),
                Report.of(Budgets.versionLabel(), outcomes, budgets));
    }

    private record Attempt(String signature, Metrics metrics, List<String> violations) {
    }

    private Attempt attempt(Scenario scenario, long seed) {
        String prefix = namespace + "/" + scenario.label() + "/" + seed + "/" + runs.incrementAndGet();
        Run run = new Run(store, prefix, new Scheduler(seed, scenario), new Trace(), new Tally());
        try {
            switch (scenario) {
                case OWNERSHIP_FENCING_CONTENTION -> OwnershipFencingContention.run(run);
                case LEASE_RENEWAL_CONTENTION -> LeaseContention.run(run, false);
                case TAKEOVER_QUEUE_RETRY_PRESSURE -> TakeoverQueueRetryPressure.run(run);
                case CHECKPOINT_REPLAY_WINDOWS -> CheckpointReplayWindows.run(run);
                case CLOCK_SKEW -> LeaseContention.run(run, true);
                default -> throw new IllegalStateException("no runner for " + scenario);
            }
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            // The domain APIs throw when the store answers what the SPI rules out; that is the store's failure.
            run.trace().violation("the run completes", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        Metrics metrics = run.tally().metrics();
        String signature = Digests.sha256Hex(scenario.label() + "|" + seed + "|" + metrics.canonical() + "|"
                + run.trace().digestHex());
        return new Attempt(signature, metrics, run.trace().violations());
    }
}
