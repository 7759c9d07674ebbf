/**
 * The deterministic contention harness: proves a store (any {@link dev.steadfast.spi.Store}) under contention by
 * running the ownership, lease, takeover-queue, checkpoint-replay and clock-skew scenarios through the public
 * {@code fence} and {@code session} APIs on a simulated clock, with a seeded scheduler deciding every
 * interleaving.
 *
 * <p>Entry point: {@link dev.steadfast.harness.Harness}. Each scenario runs twice per seed and must give the same
 * signature ({@link dev.steadfast.harness.ScenarioOutcome#deterministic()}) and keep every invariant; its
 * {@link dev.steadfast.harness.Metrics} are judged against a versioned {@link dev.steadfast.harness.Budgets
 * budget}; a {@link dev.steadfast.harness.Report} renders it all as markdown with a stable signature.
 */
package dev.steadfast.harness;
