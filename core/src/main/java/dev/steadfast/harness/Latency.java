package dev.steadfast.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * Percentiles of measured call times, in microseconds, on the wall clock.
 *
 * @param count  calls measured
 * @param p50Us  median
 * @param p95Us  95th percentile
 * @param p99Us  99th percentile
 */
public record Latency(long count, long p50Us, long p95Us, long p99Us) {

    /** Nearest-rank percentiles of {@code nanos}. */
    static Latency of(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return new Latency(0, 0, 0, 0);
        }
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        return new Latency(sorted.size(), rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99));
    }

    private static long rank(List<Long> sorted, double q) {
        int r = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(r, 1) - 1) / 1_000;
    }
}
