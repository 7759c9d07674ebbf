package dev.steadfast.failover;

/**
 * What a failover came to: {@link FailoverOutcome} (handed over, cleanly or forced), {@link CatchUpTimedOut} (a
 * coordinated handover aborted, writes resumed) or {@link FailoverFailed} (a fault; the states of both nodes are
 * stated).
 */
public sealed interface FailoverResult permits FailoverOutcome, CatchUpTimedOut, FailoverFailed {

    /** {@return true if the role was handed over to the target} */
    default boolean handedOver() {
        return this instanceof FailoverOutcome;
    }

    /** {@return one sentence for logs and operators} */
    String describe();
}
