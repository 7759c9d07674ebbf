package dev.steadfast.harness;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one profile contender (a thread, or a process of its own) did: its acquisitions per round, the times of
 * its calls, and the writes the store acknowledged to it. {@link Profiler#combine} joins the contenders' runs and
 * checks them against the journal.
 *
 * @param contender    its index, from 0
 * @param acquisitions leases acquired in each round
 * @param acquireNanos duration of each acquire call
 * @param writeNanos   duration of each fenced append
 * @param acked        acknowledged appends: journal sequence to the epoch written under
 * @param violations   what went wrong in this contender (a failed call), empty when nothing did
 */
public record ContenderRun(int contender, List<Long> acquisitions, List<Long> acquireNanos, List<Long> writeNanos,
                           Map<Long, Long> acked, List<String> violations) {
    /**
     * Copies the collections.
     *
     * @param contender    its index, from 0
     * @param acquisitions leases acquired in each round
     * @param acquireNanos duration of each acquire call
     * @param writeNanos   duration of each fenced append
     * @param acked        acknowledged appends: journal sequence to the epoch written under
     * @param violations   what went wrong in this contender (a failed call), empty when nothing did
     */
    public ContenderRun {
        acquisitions = List.copyOf(acquisitions);
        acquireNanos = List.copyOf(acquireNanos);
        writeNanos = List.copyOf(writeNanos);
        acked = new TreeMap<>(acked);
        violations = List.copyOf(violations);
    }
}
