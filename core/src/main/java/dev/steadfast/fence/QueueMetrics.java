package dev.steadfast.fence;

/**
 * Counters of a {@link TakeoverQueue}, for reports and contention budgets.
 *
 * @param depth     contenders waiting now
 * @param peakDepth the most contenders ever waiting at once
 * @param retries   tries beyond each contender's first
 * @param served    contenders that got the lease
 * @param gaveUp    contenders that used up their tries
 */
public record QueueMetrics(int depth, int peakDepth, long retries, long served, long gaveUp) {
}
