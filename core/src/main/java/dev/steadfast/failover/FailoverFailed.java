package dev.steadfast.failover;

import java.util.Objects;

/**
 * A failover stopped by a fault after writes were frozen, with the state each node was left in: never a silent
 * freeze. Where the coordinator could, it resumed writes on the old primary ({@link NodeState#SERVING}); where that
 * was unsafe or failed too, the state says so and an operator must act.
 *
 * @param step        the step that failed
 * @param cause       the fault, as reported
 * @param frontierLsn the frozen frontier, or -1 when the freeze itself failed
 * @param oldPrimary  the old primary's state now
 * @param target      the target's state now
 */
public record FailoverFailed(Step step, String cause, long frontierLsn, NodeState oldPrimary, NodeState target)
        implements FailoverResult {
    /**
     * Rejects nulls.
     *
     * @param step        the step that failed
     * @param cause       the fault, as reported
     * @param frontierLsn the frozen frontier, or -1 when the freeze itself failed
     * @param oldPrimary  the old primary's state now
     * @param target      the target's state now
     */
    public FailoverFailed {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(oldPrimary, "old primary state");
        Objects.requireNonNull(target, "target state");
    }

    /** The steps of a failover, in order. */
    public enum Step {
        /** Stopping writes on the old primary. */
        FREEZE,
        /** Waiting for the target's durable frontier. */
        CATCH_UP,
        /** Resuming writes after an aborted handover. */
        RESUME,
        /** Making the target primary at the new term (which records the term durably). */
        PROMOTE,
        /** Making the old primary a replica of the target. */
        DEMOTE
    }

    /** Where a node stands after the fault. */
    public enum NodeState {
        /** Primary at the old term, accepting writes again. */
        SERVING,
        /** Primary at the old term with writes stopped at the frozen frontier; resuming failed or was unsafe. */
        FROZEN,
        /** Untouched: still a replica at the old term. */
        UNCHANGED,
        /** Primary at the new term. */
        PRIMARY_AT_NEW_TERM,
        /** The command's fate is not known (no reply): check the node before acting. */
        UNKNOWN
    }

    @Override
    public String describe() {
        return "failover failed at " + step + " (" + cause + "); old primary " + oldPrimary + ", target " + target
                + (frontierLsn >= 0 ? ", frozen frontier LSN " + frontierLsn : "");
    }
}
