package dev.steadfast.replication;

import dev.steadfast.spi.Conflict;
import java.util.Objects;

/** What became of a write at a {@link ReplicationNode}. Only {@link Acknowledged} promises anything. */
public sealed interface WriteOutcome {

    /** Whether the write was acknowledged under the node's {@link AckMode}. */
    default boolean acknowledged() {
        return this instanceof Acknowledged;
    }

    /** Committed at {@code lsn} and acknowledged: durable on the primary and on {@code replicas} replicas. */
    record Acknowledged(long lsn, long term, int replicas) implements WriteOutcome {
    }

    /**
     * Committed on the primary at {@code lsn}, but only {@code replicas} of the {@code required} replicas confirmed
     * it in time: not acknowledged. It may survive a failover or not; retrying it is the caller's choice.
     */
    record Unconfirmed(long lsn, long term, int replicas, int required) implements WriteOutcome {
    }

    /** Not written: a guard or expected head of the batch did not hold. */
    record Rejected(Conflict conflict) implements WriteOutcome {
        /** Rejects null. */
        public Rejected {
            Objects.requireNonNull(conflict, "conflict");
        }
    }

    /** Not written: this node does not accept writes now (a replica, or a primary frozen for handover). */
    record NotAccepted(Role role, long term) implements WriteOutcome {
        /** Rejects null. */
        public NotAccepted {
            Objects.requireNonNull(role, "role");
        }
    }
}
