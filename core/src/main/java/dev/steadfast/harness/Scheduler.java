package dev.steadfast.harness;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Decides every interleaving of a run from its seed: which contender moves next, how far the simulated clock
 * moves, which request a contender makes. Contenders are logical tasks stepped one at a time on the caller's
 * thread, so nothing but the seed (and the store's answers) chooses the order. {@link SplittableRandom}'s
 * algorithm is specified, so a seed means the same run on every JVM.
 */
final class Scheduler {
    /** One contender: a step makes at most one request of a domain API (or the store). */
    interface Task {
        void step();
    }

    private final SplittableRandom random;

    Scheduler(long seed, Scenario scenario) {
        // Each scenario gets its own stream for a seed, so that scenarios do not mirror each other's choices.
        this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + scenario.ordinal());
    }

    /** A choice in {@code [0, n)}. */
    int below(int n) {
        return random.nextInt(n);
    }

    /** True with probability {@code percent}/100. */
    boolean percent(int percent) {
        return random.nextInt(100) < percent;
    }

    /** A value in {@code [low, high]}. */
    long between(long low, long high) {
        return low + random.nextLong(high - low + 1);
    }

    /**
     * Runs {@code steps} steps: each either ticks the clock (with probability {@code tickPercent}) or steps a
     * contender chosen uniformly, then runs {@code afterEach} (the invariant checks).
     */
    void run(int steps, List<? extends Task> tasks, int tickPercent, Runnable tick, Runnable afterEach) {
        for (int i = 0; i < steps; i++) {
            if (percent(tickPercent)) {
                tick.run();
            } else {
                tasks.get(below(tasks.size())).step();
            }
            afterEach.run();
        }
    }
}
