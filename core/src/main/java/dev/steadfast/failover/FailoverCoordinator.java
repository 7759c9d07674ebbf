package dev.steadfast.failover;

import dev.steadfast.failover.FailoverFailed.NodeState;
import dev.steadfast.failover.FailoverFailed.Step;
import dev.steadfast.spi.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The coordinated zero-RPO failover state machine.
 *
 * <ol>
 *   <li>Freeze writes on the old primary, once, and take its frontier: the fixed catch-up target.</li>
 *   <li>Fast path: when the request's hint already covers the frontier, hand over at once ({@code waited = 0}), in
 *       either mode.</li>
 *   <li>Otherwise, while the mode's deadline has not passed (checked before each poll), wait one poll interval on
 *       the clock and read the target's durable frontier; hand over as soon as it covers the frontier.</li>
 *   <li>At the deadline, {@link FailoverMode.Coordinated} resumes writes on the old primary and returns
 *       {@link CatchUpTimedOut}; {@link FailoverMode.Force} hands over and reports
 *       {@code skipped = frontier - reached}.</li>
 *   <li>Handing over promotes the target at {@code term + 1}, then demotes the old primary to its replica.</li>
 * </ol>
 *
 * <p>A fault after the freeze never leaves writes frozen silently: before the promotion the coordinator resumes
 * the old primary (nothing was committed on the target); from the promotion on it does not, because the target may
 * already serve the new term, and {@link FailoverFailed} names each node's state instead. Not thread-safe: run one
 * failover of a cluster at a time.
 */
public final class FailoverCoordinator {
    private final Clock clock;
    private final Duration pollInterval;

    /**
     * @param clock        measures the wait and paces the polls (a {@code ManualClock} in tests)
     * @param pollInterval the pause before each poll of the target's frontier, positive
     */
    public FailoverCoordinator(Clock clock, Duration pollInterval) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pollInterval = Objects.requireNonNull(pollInterval, "poll interval");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive, was " + pollInterval);
        }
    }

    /**
     * Runs the handover {@code request} describes, driving the cluster through {@code control}: freeze the
     * primary, wait for the target to reach its frontier (as the mode allows), promote, demote.
     *
     * @param request the target, the new term and the mode
     * @param control the cluster's nodes, as this coordinator drives them
     * @return the outcome (handed over, with what was skipped if forced) or why the handover failed
     */
    public FailoverResult run(FailoverRequest request, ClusterControl control) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(control, "control");
        long start = clock.nanos();
        long frontier;
        try {
            frontier = control.freezePrimary();
        } catch (RuntimeException e) {
            // The freeze may have applied before the fault: resume so writes are not stopped behind our back.
            return abortBeforePromotion(control, Step.FREEZE, e, -1, NodeState.UNKNOWN);
        }
        if (request.targetFrontierHint() >= frontier) {
            return handOver(request, control, frontier, frontier, false, Duration.ZERO);
        }
        long reached = request.targetFrontierHint();
        Duration deadline = request.mode().deadline();
        try {
            while (elapsed(start).compareTo(deadline) < 0) {
                clock.sleep(pollInterval);
                reached = control.targetFrontier();
                if (reached >= frontier) {
                    return handOver(request, control, frontier, reached, false, elapsed(start));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return abortBeforePromotion(control, Step.CATCH_UP, e, frontier, NodeState.FROZEN);
        } catch (RuntimeException e) {
            return abortBeforePromotion(control, Step.CATCH_UP, e, frontier, NodeState.FROZEN);
        }
        Duration waited = elapsed(start);
        if (request.mode() instanceof FailoverMode.Force) {
            return handOver(request, control, frontier, reached, true, waited);
        }
        try {
            control.resumePrimary();
        } catch (RuntimeException e) {
            return new FailoverFailed(Step.RESUME, describe(e), frontier, NodeState.FROZEN, NodeState.UNCHANGED);
        }
        return new CatchUpTimedOut(frontier, reached, waited);
    }

    private FailoverResult handOver(FailoverRequest request, ClusterControl control, long frontier, long reached,
                                    boolean forced, Duration waited) {
        long newTerm = request.newTerm();
        try {
            control.promoteTarget(newTerm);
        } catch (RuntimeException e) {
            // The target may have adopted the new term before the fault; resuming the old primary could then give
            // the cluster two primaries, so writes stay frozen and the result says so.
            return new FailoverFailed(Step.PROMOTE, describe(e), frontier, NodeState.FROZEN, NodeState.UNKNOWN);
        }
        try {
            control.demoteOldPrimary(newTerm);
        } catch (RuntimeException e) {
            return new FailoverFailed(Step.DEMOTE, describe(e), frontier, NodeState.FROZEN,
                    NodeState.PRIMARY_AT_NEW_TERM);
        }
        long skipped = forced ? Math.max(0, frontier - reached) : 0;
        return new FailoverOutcome(newTerm, frontier, reached, skipped, forced, waited,
                RoleAssignment.swap(request));
    }

    private static FailoverResult abortBeforePromotion(ClusterControl control, Step step, Exception cause,
                                                       long frontier, NodeState ifResumeFails) {
        NodeState oldPrimary;
        String why = describe(cause);
        try {
            control.resumePrimary();
            oldPrimary = NodeState.SERVING;
        } catch (RuntimeException e) {
            oldPrimary = ifResumeFails;
            why += "; resuming writes failed too: " + describe(e);
        }
        return new FailoverFailed(step, why, frontier, oldPrimary, NodeState.UNCHANGED);
    }

    private Duration elapsed(long start) {
        return Duration.ofNanos(clock.nanos() - start);
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
