package dev.steadfast;

/**
 * Counters of the group committer, read with {@link Steadfast#groupCommitStats()}; a consistent-enough snapshot
 * for benchmarks and tests (each counter is exact, the three are not read atomically together).
 *
 * @param groups       write calls made to the underlying store ({@code apply} or {@code applyAll}), including
 *                     those that failed
 * @param batches      batches handed to the underlying store in those calls
 * @param largestGroup the most batches handed over in one call
 */
public record GroupCommitStats(long groups, long batches, long largestGroup) {
    /** {@return batches per store call, 0 before the first write; above 1 means writes were actually coalesced} */

    public double meanGroupSize() {
        return groups == 0 ? 0 : (double) batches / groups;
    }
}
