package dev.steadfast.spi.transport;

import dev.steadfast.spi.Names;

/**
 * What a node states before any message: the protocol it speaks, the cluster it belongs to, who it is and the
 * highest term it knows.
 *
 * @param protocolVersion the replication protocol, {@link #PROTOCOL_VERSION} for this release
 * @param clusterId       the cluster's name; peers of another cluster are refused
 * @param nodeId          this node's stable name
 * @param term            the highest term this node has durably adopted, {@code >= 0}
 */
public record Handshake(int protocolVersion, String clusterId, String nodeId, long term) {
    /** The protocol version this release speaks. */
    public static final int PROTOCOL_VERSION = 1;

    /**
     * Checks the fields, so that a handshake read from the wire is well formed before it is compared.
     *
     * @param protocolVersion the replication protocol, {@code >= 1}
     * @param clusterId       the cluster's name, a valid {@link Names name}
     * @param nodeId          the node's name, a valid {@link Names name}
     * @param term            the highest term the node has durably adopted, {@code >= 0}
     * @throws IllegalArgumentException if a name is invalid, the version is below 1 or the term negative
     */
    public Handshake {
        Names.require("cluster id", clusterId);
        Names.require("node id", nodeId);
        if (protocolVersion < 1) {
            throw new IllegalArgumentException("protocol version must be >= 1, was " + protocolVersion);
        }
        if (term < 0) {
            throw new IllegalArgumentException("term of node '" + nodeId + "' must be >= 0, was " + term);
        }
    }

    /**
     * A handshake of this release's protocol.
     *
     * @param clusterId the cluster's name
     * @param nodeId    this node's stable name
     * @param term      the highest term this node has durably adopted
     * @return a handshake at {@link #PROTOCOL_VERSION}
     */
    public static Handshake of(String clusterId, String nodeId, long term) {
        return new Handshake(PROTOCOL_VERSION, clusterId, nodeId, term);
    }

    /**
     * Decides whether a peer may talk to this node: only a node of the same cluster speaking the same protocol
     * version may. Terms are not compared here; stale terms are refused per message.
     *
     * @param peer the handshake the peer presented
     * @return a sentence naming what differs, for the refusal and the log, or {@code null} when the peer may talk
     */
    public String refusalOf(Handshake peer) {
        if (!peer.clusterId.equals(clusterId)) {
            return "node '" + peer.nodeId + "' belongs to cluster '" + peer.clusterId + "', this node to cluster '"
                    + clusterId + "'";
        }
        if (peer.protocolVersion != protocolVersion) {
            return "node '" + peer.nodeId + "' speaks protocol version " + peer.protocolVersion
                    + ", this node speaks " + protocolVersion;
        }
        return null;
    }
}
