package dev.steadfast.harness;

import dev.steadfast.fence.OwnershipError;
import java.util.ArrayList;
import java.util.List;

/** The counters of one run, turned into {@link Metrics} at its end. */
final class Tally {
    long ownershipConflicts;
    long splitBrain;
    long staleOwner;
    long invalidToken;
    long takeovers;
    final List<Long> leaseWindows = new ArrayList<>();
    long leaseQueuePeak;
    long takeoverQueuePeak;
    long retries;
    long checkpointWindowEvents;
    long replayWindowMs;
    long earlyTakeovers;
    long acknowledged;
    long staleRefused;
    long leaseShareWorstPermille;

    /** Counts a refused claim under its kind. */
    void refused(OwnershipError error) {
        ownershipConflicts++;
        if (error instanceof OwnershipError.SplitBrain) {
            splitBrain++;
        } else if (error instanceof OwnershipError.StaleOwner) {
            staleOwner++;
        } else if (error instanceof OwnershipError.InvalidToken) {
            invalidToken++;
        }
    }

    Metrics metrics() {
        return new Metrics(ownershipConflicts, splitBrain, staleOwner, invalidToken, takeovers,
                p95(leaseWindows), leaseQueuePeak, takeoverQueuePeak, retries, checkpointWindowEvents,
                replayWindowMs, earlyTakeovers, acknowledged, staleRefused, leaseShareWorstPermille);
    }

    /** Nearest-rank 95th percentile; 0 for no values. */
    static long p95(List<Long> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int rank = (int) Math.ceil(0.95 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }
}
