package dev.steadfast.failover;

import java.util.Objects;

/** The role a node plays after a failover. */
public sealed interface NodeRole {

    /** Accepts writes at {@code term} and ships them to replicas. */
    record Primary(long term) implements NodeRole {
    }

    /** Applies what the primary at {@code primaryAddress} ships, at {@code term}. */
    record Replica(String primaryAddress, long term) implements NodeRole {
        /** Rejects a null address. */
        public Replica {
            Objects.requireNonNull(primaryAddress, "primary address");
        }
    }
}
