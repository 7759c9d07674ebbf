package dev.steadfast.replication;

import dev.steadfast.spi.Names;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.transport.Transport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link ReplicationNode} is set up: its cluster, its own id and address, every member of the cluster, the
 * ack mode, the timeout of each request and, for {@link AckMode.Local}, the background shipping.
 *
 * @param clusterId        the cluster's name, stated in every handshake
 * @param nodeId           this node's id
 * @param address          where this node listens
 * @param members          every node of the cluster, id to address, this one included
 * @param ackMode          when writes are acknowledged
 * @param timeout          the longest wait for one reply
 * @param maxFramesPerShip the most entries sent to one replica per ship, so one lagging replica cannot stall a write
 * @param shipInterval     with {@link AckMode.Local}: the pause between background retries while a replica is behind
 *                         (writes wake the shipper at once); zero turns background shipping off, leaving it to
 *                         {@link ReplicationNode#replicate()}. Ignored with {@link AckMode.Replicas}, whose writes ship
 *                         themselves
 */
public record ReplicationSettings(String clusterId, String nodeId, String address, Map<String, String> members,
                                  AckMode ackMode, Duration timeout, int maxFramesPerShip, Duration shipInterval) {
    /**
     * Checks the components.
     *
     * @param clusterId        the cluster's name, stated in every handshake
     * @param nodeId           this node's id
     * @param address          where this node listens
     * @param members          every node of the cluster, id to address, this one included
     * @param ackMode          when writes are acknowledged
     * @param timeout          the longest wait for one reply
     * @param maxFramesPerShip the most entries sent to one replica per ship, so one lagging replica cannot stall a
     *                         write
     * @param shipInterval     with {@link AckMode.Local}: the pause between background retries while a replica is
     *                         behind (writes wake the shipper at once); zero turns background shipping off, leaving
     *                         it to {@link ReplicationNode#replicate()}. Ignored with {@link AckMode.Replicas}, whose
     *                         writes ship themselves
     * @throws IllegalArgumentException if a value is invalid or the node is not among the members
     */
    public ReplicationSettings {
        Names.require("cluster id", clusterId);
        Names.require("node id", nodeId);
        Names.require("node address", address);
        members = Map.copyOf(Objects.requireNonNull(members, "members"));
        Objects.requireNonNull(ackMode, "ack mode");
        Objects.requireNonNull(timeout, "timeout");
        if (!address.equals(members.get(nodeId))) {
            throw new IllegalArgumentException("node '" + nodeId + "' at '" + address
                    + "' must be among the members, which are " + members);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (ackMode instanceof AckMode.Replicas r && r.k() > members.size() - 1) {
            throw new IllegalArgumentException("ack mode replicas(" + r.k() + ") needs " + r.k()
                    + " replicas, the cluster has " + (members.size() - 1));
        }
        Objects.requireNonNull(shipInterval, "ship interval");
        if (shipInterval.isNegative()) {
            throw new IllegalArgumentException("ship interval must not be negative, was " + shipInterval);
        }
        if (maxFramesPerShip < 1) {
            throw new IllegalArgumentException("max frames per ship must be >= 1, was " + maxFramesPerShip);
        }
    }

    /**
     * {@return a builder; defaults: ack mode local, timeout 2 s, 1024 entries per ship, background retries every
     * 100 ms}
     */
    public static Builder builder() {
        return new Builder();
    }

    Map<String, String> replicasOf(String id) {
        Map<String, String> others = new LinkedHashMap<>(new java.util.TreeMap<>(members));
        others.remove(id);
        return others;
    }

    /** Collects settings; not thread-safe. */
    public static final class Builder {
        private String clusterId;
        private String nodeId;
        private String address;
        private final Map<String, String> members = new LinkedHashMap<>();
        private AckMode ackMode = AckMode.local();
        private Duration timeout = Duration.ofSeconds(2);
        private int maxFramesPerShip = 1024;
        private Duration shipInterval = Duration.ofMillis(100);

        private Builder() {
        }

        /**
         * Names the cluster; every handshake states it.
         *
         * @param clusterId the cluster's name
         * @return this builder
         */
        public Builder cluster(String clusterId) {
            this.clusterId = clusterId;
            return this;
        }

        /**
         * Sets this node: its id and where it listens; also adds it to the members.
         *
         * @param id      the node's id, unique in the cluster
         * @param address its transport address
         * @return this builder
         */
        public Builder node(String id, String address) {
            this.nodeId = id;
            this.address = address;
            return member(id, address);
        }

        /**
         * Adds another member of the cluster.
         *
         * @param id      the member's id
         * @param address its transport address
         * @return this builder
         * @throws IllegalArgumentException if the id or address is not a valid name
         */
        public Builder member(String id, String address) {
            members.put(Names.require("member id", id), Names.require("member address", address));
            return this;
        }

        /**
         * Adds every member at once.
         *
         * @param members id to transport address
         * @return this builder
         */
        public Builder members(Map<String, String> members) {
            members.forEach(this::member);
            return this;
        }

        /**
         * Sets when writes are acknowledged; local by default.
         *
         * @param ackMode {@link AckMode#replicas(int)} to wait for replicas
         * @return this builder
         */
        public Builder ackMode(AckMode ackMode) {
            this.ackMode = ackMode;
            return this;
        }

        /**
         * Sets the longest wait for one reply; 2 s by default.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * Sets the most entries sent to one replica per ship; 1024 by default.
         *
         * @param max {@code >= 1}
         * @return this builder
         */
        public Builder maxFramesPerShip(int max) {
            this.maxFramesPerShip = max;
            return this;
        }

        /**
         * With {@link AckMode.Local}, the pause between background retries while a replica is behind; 100 ms by
         * default; {@link Duration#ZERO} turns background shipping off (then call {@link ReplicationNode#replicate()}).
         *
         * @param interval not negative; ignored with {@link AckMode.Replicas}, whose writes ship themselves
         * @return this builder
         */
        public Builder shipInterval(Duration interval) {
            this.shipInterval = interval;
            return this;
        }

        /**
         * {@return the settings}
         *
         * @throws IllegalArgumentException if the cluster or this node was not set, a value is out of range or the
         *                                  ack mode needs more replicas than the cluster has
         */
        public ReplicationSettings build() {
            return new ReplicationSettings(clusterId, nodeId, address, members, ackMode, timeout, maxFramesPerShip,
                    shipInterval);
        }

        /**
         * Starts a node on {@code store}, listening on {@code transport}, as a replica until promoted.
         *
         * @param store     the node's own store, which the node then owns
         * @param transport how the node listens and reaches its peers
         * @return the running node
         */
        public ReplicationNode start(Store store, Transport transport) {
            return new ReplicationNode(Objects.requireNonNull(store, "store"),
                    Objects.requireNonNull(transport, "transport"), build());
        }
    }
}
