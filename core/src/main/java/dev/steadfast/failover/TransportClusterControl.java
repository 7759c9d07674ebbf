package dev.steadfast.failover;

import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.RoleCommand;
import dev.steadfast.spi.transport.Transport;
import java.time.Duration;
import java.util.Objects;

/**
 * Drives real {@code ReplicationNode}s over a transport for a {@link FailoverCoordinator}: freeze and resume go to
 * the old primary; a poll asks the old primary to ship what the target misses and report the target's durable
 * frontier as the target acknowledged it; promotion goes to the target, which records the new term and where it
 * starts; demotion tells the old primary that start, so it can tell which of its entries the target never had.
 * Not thread-safe; close it after the failover.
 */
public final class TransportClusterControl implements ClusterControl, AutoCloseable {
    private final NodeLinks links;
    private final FailoverNode oldPrimary;
    private final FailoverNode target;
    private final long currentTerm;
    private long termStartLsn = -1;

    /**
     * @param transport   how to reach the nodes
     * @param self        the coordinator's handshake (the cluster id must match the nodes')
     * @param request     the failover about to run: which nodes, which term
     * @param timeout     the longest wait for one reply
     */
    public TransportClusterControl(Transport transport, Handshake self, FailoverRequest request, Duration timeout) {
        Objects.requireNonNull(request, "request");
        this.links = new NodeLinks(Objects.requireNonNull(transport, "transport"),
                Objects.requireNonNull(self, "handshake"), Objects.requireNonNull(timeout, "timeout"));
        this.oldPrimary = request.oldPrimary();
        this.target = request.target();
        this.currentTerm = request.currentTerm();
    }

    @Override
    public long freezePrimary() {
        return links.command(oldPrimary, new RoleCommand.Freeze(currentTerm)).durableLsn();
    }

    @Override
    public void resumePrimary() {
        links.command(oldPrimary, new RoleCommand.Resume(currentTerm));
    }

    @Override
    public long targetFrontier() {
        return links.command(oldPrimary, new RoleCommand.CatchUp(target.id())).durableLsn();
    }

    @Override
    public void promoteTarget(long newTerm) {
        termStartLsn = links.promote(target, newTerm);
    }

    @Override
    public void demoteOldPrimary(long newTerm) {
        links.command(oldPrimary, NodeLinks.demotion(newTerm, target, termStartLsn));
    }

    @Override
    public void close() {
        links.close();
    }
}
