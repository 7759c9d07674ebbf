package dev.steadfast.failover;

import java.util.Objects;

/** The role a node plays after a failover. */
public sealed interface NodeRole {

    /**
     * Accepts writes at {@code term} and ships them to replicas.
     *
     * @param term the term it is primary at
     */
    record Primary(long term) implements NodeRole {
    }

    /**
     * Applies what the primary ships.
     *
     * @param primaryAddress the transport address of the primary it follows
     * @param term           the term it follows that primary at
     */
    record Replica(String primaryAddress, long term) implements NodeRole {
        /**
         * Rejects a null address.
         *
         * @param primaryAddress the transport address of the primary it follows
         * @param term           the term it follows that primary at
         */
        public Replica {
            Objects.requireNonNull(primaryAddress, "primary address");
        }
    }
}
