package dev.steadfast.failover;

import java.time.Duration;
import java.util.Objects;

/**
 * A coordinated handover aborted because the target did not reach the frozen frontier before the deadline.
 * Writes were resumed on the old primary and nothing was committed on the target: no write was lost. Use
 * {@link FailoverMode.Force} to hand over anyway.
 *
 * @param frontierLsn the frozen frontier
 * @param reachedLsn  the target's durable frontier at the deadline
 * @param waited      how long the wait ran
 */
public record CatchUpTimedOut(long frontierLsn, long reachedLsn, Duration waited) implements FailoverResult {
    /**
     * Rejects a null duration.
     *
     * @param frontierLsn the frozen frontier
     * @param reachedLsn  the target's durable frontier at the deadline
     * @param waited      how long the wait ran
     */
    public CatchUpTimedOut {
        Objects.requireNonNull(waited, "waited");
    }

    @Override
    public String describe() {
        return "coordinated failover aborted: target reached LSN " + reachedLsn + " of " + frontierLsn + " after "
                + waited.toMillis() + " ms; writes resumed on the old primary, no write lost";
    }
}
