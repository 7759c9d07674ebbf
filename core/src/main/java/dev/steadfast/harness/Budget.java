package dev.steadfast.harness;

import java.util.Objects;

/**
 * The most one scenario may measure before it fails its budget; all limits inclusive, none negative.
 *
 * @param scenario                  the scenario it limits
 * @param maxLeaseWindowP95Ms       limit of {@link Metrics#leaseWindowP95Ms()}
 * @param maxCheckpointWindowEvents limit of {@link Metrics#checkpointWindowEvents()}
 * @param maxReplayWindowMs         limit of {@link Metrics#replayWindowMs()}
 * @param maxQueueDepth             limit of the larger of {@link Metrics#leaseQueuePeak()} and
 *                                  {@link Metrics#takeoverQueuePeak()}
 * @param maxRetryAttempts          limit of {@link Metrics#retryAttempts()}
 */
public record Budget(Scenario scenario, long maxLeaseWindowP95Ms, long maxCheckpointWindowEvents,
                     long maxReplayWindowMs, long maxQueueDepth, long maxRetryAttempts) {
    /**
     * Checks the components.
     *
     * @param scenario                  the scenario it limits
     * @param maxLeaseWindowP95Ms       limit of {@link Metrics#leaseWindowP95Ms()}
     * @param maxCheckpointWindowEvents limit of {@link Metrics#checkpointWindowEvents()}
     * @param maxReplayWindowMs         limit of {@link Metrics#replayWindowMs()}
     * @param maxQueueDepth             limit of the larger of {@link Metrics#leaseQueuePeak()} and
     *                                  {@link Metrics#takeoverQueuePeak()}
     * @param maxRetryAttempts          limit of {@link Metrics#retryAttempts()}
     * @throws IllegalArgumentException naming the limit that is negative
     */
    public Budget {
        Objects.requireNonNull(scenario, "scenario");
        requireNotNegative("maxLeaseWindowP95Ms", maxLeaseWindowP95Ms);
        requireNotNegative("maxCheckpointWindowEvents", maxCheckpointWindowEvents);
        requireNotNegative("maxReplayWindowMs", maxReplayWindowMs);
        requireNotNegative("maxQueueDepth", maxQueueDepth);
        requireNotNegative("maxRetryAttempts", maxRetryAttempts);
    }

    private static void requireNotNegative(String what, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("budget " + what + " must be >= 0, was " + value);
        }
    }
}
