package dev.steadfast.replication;

/**
 * When a primary acknowledges a write.
 *
 * <p><b>The guarantee.</b> With {@link Replicas} of {@code k >= 1}, every acknowledged write is durable on the
 * primary and on at least {@code k} replicas before it is acknowledged. A replica acknowledges an LSN only after the
 * batch and everything before it are durable in its own store, and replicas hold prefixes of one primary's journal.
 * So after the primary is lost, promoting the surviving replica with the highest durable frontier (what
 * {@link dev.steadfast.failover.LostPrimaryFailover} does) loses no acknowledged write, as long as no more than
 * {@code k - 1} of the replicas that acknowledged it are lost with the primary. With {@link Local}, a write is
 * acknowledged after the primary's own commit; an unplanned failover may lose the writes not yet shipped, and
 * {@link dev.steadfast.failover.FailoverOutcome#skippedLsn()} counts them.
 */
public sealed interface AckMode {

    /** Acknowledge after the primary's durable commit; replicas follow asynchronously. */
    record Local() implements AckMode {
    }

    /**
     * Acknowledge after {@code k} replicas made the write durable.
     *
     * @param k replicas that must confirm, {@code >= 1}
     */
    record Replicas(int k) implements AckMode {
        /**
         * Checks the components.
         *
         * @param k replicas that must confirm, {@code >= 1}
         * @throws IllegalArgumentException if {@code k < 1}
         */
        public Replicas {
            if (k < 1) {
                throw new IllegalArgumentException("replicas(k) needs k >= 1, was " + k);
            }
        }
    }

    /** {@return the mode acknowledging after the primary's durable commit} */
    static AckMode local() {
        return new Local();
    }

    /**
     * Acknowledge after {@code k} replicas made the write durable.
     *
     * @param k replicas that must confirm, {@code >= 1}
     * @return the mode
     * @throws IllegalArgumentException if {@code k < 1}
     */
    static AckMode replicas(int k) {
        return new Replicas(k);
    }
}
