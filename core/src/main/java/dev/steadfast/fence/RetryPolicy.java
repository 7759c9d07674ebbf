package dev.steadfast.fence;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link TakeoverQueue} retries a contender: at most {@code maxAttempts} tries, waiting
 * {@code initialBackoff} after the first failed one and doubling up to {@code maxBackoff}.
 *
 * @param maxAttempts    tries per contender, {@code >= 1}
 * @param initialBackoff the wait after the first failed try, not negative
 * @param maxBackoff     the longest wait, {@code >= initialBackoff}
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    /**
     * Checks the components.
     *
     * @param maxAttempts    tries per contender, {@code >= 1}
     * @param initialBackoff the wait after the first failed try, not negative
     * @param maxBackoff     the longest wait, {@code >= initialBackoff}
     * @throws IllegalArgumentException if a value is out of range
     */
    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        if (initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff must not be negative, was " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff " + maxBackoff + " must be >= initialBackoff " + initialBackoff);
        }
    }

    /**
     * The wait after a failed try: doubling from the base, capped at {@link #maxBackoff}.
     *
     * @param attempt the failed try's number, 1-based
     * @return how long to wait before the next try
     */
    public Duration backoffAfter(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
        Duration d = initialBackoff;
        for (int i = 1; i < attempt && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
