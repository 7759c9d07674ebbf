package dev.steadfast.failover;

import java.time.Duration;
import java.util.Objects;

/** How a failover is carried out when the target has not caught up yet. */
public sealed interface FailoverMode {

    /** {@return the longest the catch-up wait may run before the mode's terminal behaviour applies} */
    Duration deadline();

    /**
     * Zero-RPO handover: the target must reach the frozen frontier within {@code catchUpDeadline}, otherwise the
     * handover aborts, writes resume on the old primary and nothing is committed on the target.
     *
     * @param catchUpDeadline how long the target may take to catch up, {@code >= 0}
     */
    record Coordinated(Duration catchUpDeadline) implements FailoverMode {
        /**
         * Checks the components.
         *
         * @param catchUpDeadline how long the target may take to catch up, {@code >= 0}
         * @throws IllegalArgumentException if the deadline is negative
         */
        public Coordinated {
            requireNotNegative(catchUpDeadline, "catch-up deadline");
        }

        @Override
        public Duration deadline() {
            return catchUpDeadline;
        }
    }

    /**
     * Emergency handover: tries to reach the frontier, but hands over after {@code timeout} regardless and reports
     * the skipped LSNs.
     *
     * @param timeout how long to wait for the target before handing over anyway, {@code >= 0}
     */
    record Force(Duration timeout) implements FailoverMode {
        /**
         * Checks the components.
         *
         * @param timeout how long to wait for the target before handing over anyway, {@code >= 0}
         * @throws IllegalArgumentException if the timeout is negative
         */
        public Force {
            requireNotNegative(timeout, "force timeout");
        }

        @Override
        public Duration deadline() {
            return timeout;
        }
    }

    private static void requireNotNegative(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, was " + d);
        }
    }
}
