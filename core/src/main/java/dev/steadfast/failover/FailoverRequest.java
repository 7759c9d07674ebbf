package dev.steadfast.failover;

import java.util.Objects;

/**
 * A request to hand the primary role from {@code oldPrimary} to {@code target}.
 *
 * @param oldPrimary         the node serving as primary now
 * @param target             the replica to promote
 * @param currentTerm        the term the cluster serves now; the handover mints {@code currentTerm + 1}
 * @param targetFrontierHint the target's last known durable frontier; when it already covers the frozen frontier
 *                           the handover takes the no-wait fast path
 * @param mode               coordinated or forced
 */
public record FailoverRequest(FailoverNode oldPrimary, FailoverNode target, long currentTerm,
                              long targetFrontierHint, FailoverMode mode) {
    /**
     * Checks the components.
     *
     * @param oldPrimary         the node serving as primary now
     * @param target             the replica to promote
     * @param currentTerm        the term the cluster serves now; the handover mints {@code currentTerm + 1}
     * @param targetFrontierHint the target's last known durable frontier; when it already covers the frozen frontier
     *                           the handover takes the no-wait fast path
     * @param mode               coordinated or forced
     * @throws IllegalArgumentException if both nodes are the same or a number is negative
     */
    public FailoverRequest {
        Objects.requireNonNull(oldPrimary, "old primary");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mode, "mode");
        if (oldPrimary.id().equals(target.id())) {
            throw new IllegalArgumentException("failover target must differ from the old primary, both are '"
                    + target.id() + "'");
        }
        if (currentTerm < 0 || currentTerm == Long.MAX_VALUE) {
            throw new IllegalArgumentException("current term must be >= 0 and below Long.MAX_VALUE, was "
                    + currentTerm);
        }
        if (targetFrontierHint < 0) {
            throw new IllegalArgumentException("target frontier hint must be >= 0, was " + targetFrontierHint);
        }
    }

    /** {@return the term the cluster serves after a successful handover} */
    public long newTerm() {
        return currentTerm + 1;
    }
}
