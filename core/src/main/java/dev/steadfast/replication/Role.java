package dev.steadfast.replication;

/** What a replication node does now. */
public enum Role {
    /** Accepts writes at its term and ships them. */
    PRIMARY,
    /** Primary whose writes are stopped for a handover; its frontier is fixed. */
    FROZEN,
    /** Applies the frames of the primary of its term. */
    REPLICA,
    /** Holds entries the current primary never had (see {@link ReplicationNode#divergence()}); refuses frames. */
    DIVERGED
}
