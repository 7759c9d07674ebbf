package dev.steadfast.replication;

import dev.steadfast.spi.Conflict;
import java.util.Objects;

/** What became of a write at a {@link ReplicationNode}. Only {@link Acknowledged} promises anything. */
public sealed interface WriteOutcome {

    /** {@return true if the write was acknowledged under the node's {@link AckMode}} */
    default boolean acknowledged() {
        return this instanceof Acknowledged;
    }

    /**
     * Committed and acknowledged: durable on the primary and on {@code replicas} replicas.
     *
     * @param lsn      the write's log sequence number
     * @param term     the primary's term it was written at
     * @param replicas replicas that confirmed it durable, at least what the ack mode requires
     */
    record Acknowledged(long lsn, long term, int replicas) implements WriteOutcome {
    }

    /**
     * Committed on the primary at {@code lsn}, but only {@code replicas} of the {@code required} replicas confirmed
     * it in time: not acknowledged. It may survive a failover or not; retrying it is the caller's choice.
     *
     * @param lsn      the write's log sequence number
     * @param term     the primary's term it was written at
     * @param replicas replicas that confirmed it in time, below {@code required}
     * @param required replicas the ack mode requires
     */
    record Unconfirmed(long lsn, long term, int replicas, int required) implements WriteOutcome {
    }

    /**
     * Not written: a guard or expected head of the batch did not hold.
     *
     * @param conflict what the store found
     */
    record Rejected(Conflict conflict) implements WriteOutcome {
        /**
         * Rejects null.
         *
         * @param conflict what the store found
         */
        public Rejected {
            Objects.requireNonNull(conflict, "conflict");
        }
    }

    /**
     * Not written: this node does not accept writes now (a replica, or a primary frozen for handover).
     *
     * @param role the node's role now
     * @param term the node's term now
     */
    record NotAccepted(Role role, long term) implements WriteOutcome {
        /**
         * Rejects null.
         *
         * @param role the node's role now
         * @param term the node's term now
         */
        public NotAccepted {
            Objects.requireNonNull(role, "role");
        }
    }
}
