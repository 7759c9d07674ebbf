package dev.steadfast.spi.transport;

import dev.steadfast.spi.Names;

/**
 * Commands a failover coordinator sends to nodes. Each is answered by a {@link Message.Ack} stating the node's
 * term and durable frontier after the command, or by a {@link Message.Refusal}.
 */
public sealed interface RoleCommand extends Message {

    /**
     * Stop accepting writes at the primary; the ack's LSN is the frozen frontier, which no write moves past.
     *
     * @param term the coordinator's view of the primary's term; a node at another term refuses
     */
    record Freeze(long term) implements RoleCommand {
    }

    /**
     * Accept writes again at the primary (an aborted handover).
     *
     * @param term the term the primary was frozen at
     */
    record Resume(long term) implements RoleCommand {
    }

    /** Report term and durable frontier; changes nothing. */
    record Status() implements RoleCommand {
    }

    /**
     * Ask the primary to ship the batches replica {@code replicaId} is missing, then report that replica's durable
     * frontier as acknowledged by it.
     *
     * @param replicaId the replica's node id
     */
    record CatchUp(String replicaId) implements RoleCommand {
        /**
         * Checks the node id.
         *
         * @param replicaId the replica's node id, a valid {@link Names name}
         */
        public CatchUp {
            Names.require("replica id", replicaId);
        }
    }

    /**
     * Become primary at {@code newTerm}, adopting the term durably first.
     *
     * @param newTerm the term of the new reign, above every term the node has adopted
     */
    record Promote(long newTerm) implements RoleCommand {
        /**
         * Checks the term.
         *
         * @param newTerm the term of the new reign, {@code >= 1}
         * @throws IllegalArgumentException if the term is below 1
         */
        public Promote {
            if (newTerm < 1) {
                throw new IllegalArgumentException("promotion term must be >= 1, was " + newTerm);
            }
        }
    }

    /**
     * Become a replica of {@code primaryId} at {@code newTerm}, whose reign began at {@code termStartLsn}; a node
     * holding entries at or after that LSN from an older term has diverged and says so.
     *
     * @param newTerm      the new primary's term
     * @param primaryId    the new primary's node id
     * @param termStartLsn the first LSN of the new primary's reign
     */
    record Demote(long newTerm, String primaryId, long termStartLsn) implements RoleCommand {
        /**
         * Checks the values.
         *
         * @param newTerm      the new primary's term, {@code >= 1}
         * @param primaryId    the new primary's node id, a valid {@link Names name}
         * @param termStartLsn the first LSN of its reign, {@code >= 1}
         * @throws IllegalArgumentException if a value is out of range
         */
        public Demote {
            Names.require("primary id", primaryId);
            if (newTerm < 1 || termStartLsn < 1) {
                throw new IllegalArgumentException("demotion needs term >= 1 and start LSN >= 1, was term "
                        + newTerm + ", start LSN " + termStartLsn);
            }
        }
    }
}
