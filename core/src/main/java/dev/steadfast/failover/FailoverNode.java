package dev.steadfast.failover;

import dev.steadfast.spi.Names;

/**
 * A node taking part in a failover.
 *
 * @param id      the node's stable name
 * @param address where other nodes reach it, in the transport's address syntax
 * @param region  its region or fault domain, for reports
 */
public record FailoverNode(String id, String address, String region) {
    /**
     * Validates the names.
     *
     * @param id      the node's stable name
     * @param address where other nodes reach it, in the transport's address syntax
     * @param region  its region or fault domain, for reports
     */
    public FailoverNode {
        Names.require("node id", id);
        Names.require("node address", address);
        Names.require("node region", region);
    }
}
