package dev.steadfast.failover;

import java.time.Duration;
import java.util.Objects;

/**
 * A completed handover.
 *
 * @param newTerm     the term the new primary serves
 * @param frontierLsn the old primary's frontier frozen when writes stopped: the catch-up target
 * @param reachedLsn  the target's durable frontier when the term was handed over; equals {@code frontierLsn} for a
 *                    clean handover (or exceeds it on the fast path with a generous hint)
 * @param skippedLsn  {@code frontierLsn - reachedLsn} for a forced handover: committed on the old primary, not on
 *                    the new one; always 0 for a clean handover
 * @param forced      whether the handover went ahead past a target that had not caught up
 * @param waited      how long the catch-up wait ran
 * @param roles       the roles of both nodes now
 */
public record FailoverOutcome(long newTerm, long frontierLsn, long reachedLsn, long skippedLsn, boolean forced,
                              Duration waited, RoleAssignment roles) implements FailoverResult {
    /**
     * Rejects nulls.
     *
     * @param newTerm     the term the new primary serves
     * @param frontierLsn the old primary's frontier frozen when writes stopped: the catch-up target
     * @param reachedLsn  the target's durable frontier when the term was handed over; equals {@code frontierLsn} for
     *                    a clean handover (or exceeds it on the fast path with a generous hint)
     * @param skippedLsn  {@code frontierLsn - reachedLsn} for a forced handover: committed on the old primary, not on
     *                    the new one; always 0 for a clean handover
     * @param forced      whether the handover went ahead past a target that had not caught up
     * @param waited      how long the catch-up wait ran
     * @param roles       the roles of both nodes now
     */
    public FailoverOutcome {
        Objects.requireNonNull(waited, "waited");
        Objects.requireNonNull(roles, "roles");
    }

    /** {@return true when the target held the whole frontier: nothing acknowledged was skipped} */
    public boolean isZeroRpo() {
        return skippedLsn == 0;
    }

    @Override
    public String describe() {
        return (forced ? "forced" : "clean") + " handover to term " + newTerm + ": frontier LSN " + frontierLsn
                + ", target reached " + reachedLsn + ", skipped " + skippedLsn + " after " + waited.toMillis() + " ms";
    }
}
