package dev.steadfast.failover;

import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.Message;
import dev.steadfast.spi.transport.RoleCommand;
import dev.steadfast.spi.transport.Transport;
import dev.steadfast.spi.transport.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Drives a {@link FailoverCoordinator} when the old primary is lost (its process killed, its machine gone), so it
 * cannot be frozen. The freeze becomes a check that the old primary does not answer; the frontier it would have
 * reported is the highest durable frontier among the survivors (the target and {@code others}). Under
 * {@code replicas(k >= 1)} every acknowledged write is durable on some survivor, so that frontier covers them all:
 * a {@link FailoverMode.Force} handover to a target below it reports the gap as skipped, one to the most advanced
 * survivor is zero-RPO. Polls read the target's own frontier (with no primary, nothing ships to it). Promotion is
 * as in {@link TransportClusterControl}; the demotion then tells every survivor the new term and where it starts,
 * so they refuse the old primary's frames from that moment, and tries the old primary too.
 *
 * <p>When the old primary does answer, the freeze fails, nothing is changed, and the coordinator reports it still
 * serving: use {@link TransportClusterControl} for a live primary. Use this class only for a primary known to be
 * down: one that merely cannot reach the coordinator may still acknowledge writes through a replica until that
 * replica adopts the new term. There is nothing to resume on a lost primary: a {@link FailoverMode.Coordinated}
 * abort therefore reports it as still frozen. Not thread-safe; close it after the failover.
 */
public final class LostPrimaryControl implements ClusterControl, AutoCloseable {
    private final NodeLinks links;
    private final FailoverNode oldPrimary;
    private final FailoverNode target;
    private final List<FailoverNode> others;
    private final long currentTerm;
    private boolean confirmedLost;
    private long termStartLsn = -1;

    /**
     * @param transport how to reach the nodes
     * @param self      the coordinator's handshake (the cluster id must match the nodes')
     * @param request   the failover about to run: the lost primary, the target, the current term
     * @param others    the other survivors, which hold frontiers the target may lack
     * @param timeout   the longest wait for one reply
     */
    public LostPrimaryControl(Transport transport, Handshake self, FailoverRequest request, List<FailoverNode> others,
                              Duration timeout) {
        Objects.requireNonNull(request, "request");
        this.links = new NodeLinks(Objects.requireNonNull(transport, "transport"),
                Objects.requireNonNull(self, "handshake"), Objects.requireNonNull(timeout, "timeout"));
        this.oldPrimary = request.oldPrimary();
        this.target = request.target();
        this.others = List.copyOf(others);
        this.currentTerm = request.currentTerm();
        for (FailoverNode other : this.others) {
            if (other.id().equals(oldPrimary.id()) || other.id().equals(target.id())) {
                throw new IllegalArgumentException("other survivors must not include the old primary or the target,"
                        + " found '" + other.id() + "'");
            }
        }
    }

    /**
     * Confirms the old primary does not answer, then returns the highest durable frontier among the survivors.
     *
     * @throws IllegalStateException if the old primary answers, or a survivor already serves a later term
     */
    @Override
    public long freezePrimary() {
        try {
            links.command(oldPrimary, new RoleCommand.Status());
            throw new IllegalStateException("old primary '" + oldPrimary.id() + "' answers: it is not lost; freeze"
                    + " it with TransportClusterControl instead");
        } catch (TransportException e) {
            confirmedLost = true;
        }
        long frontier = status(target).durableLsn();
        for (FailoverNode other : others) {
            try {
                frontier = Math.max(frontier, status(other).durableLsn());
            } catch (TransportException e) {
                // a survivor that is down too holds nothing we can hand over; the target's frontier still counts
            }
        }
        return frontier;
    }

    private Message.Ack status(FailoverNode node) {
        Message.Ack ack = links.command(node, new RoleCommand.Status());
        if (ack.term() > currentTerm) {
            throw new IllegalStateException("survivor '" + node.id() + "' already holds term " + ack.term()
                    + ", above the current term " + currentTerm + ": the cluster failed over already");
        }
        return ack;
    }

    /**
     * Nothing to resume on a lost primary.
     *
     * @throws IllegalStateException always once the primary was found lost, so the result reports it as frozen
     */
    @Override
    public void resumePrimary() {
        if (confirmedLost) {
            throw new IllegalStateException("old primary '" + oldPrimary.id() + "' is lost; there are no writes to"
                    + " resume");
        }
        // not found lost: the failed freeze changed nothing, the old primary still serves
    }

    @Override
    public long targetFrontier() {
        return links.command(target, new RoleCommand.Status()).durableLsn();
    }

    @Override
    public void promoteTarget(long newTerm) {
        termStartLsn = links.promote(target, newTerm);
    }

    /**
     * Demotes every other survivor and, if it answers, the old primary to replicas of the target at
     * {@code newTerm}. A node that does not answer learns the term from the new primary's first frame.
     */
    @Override
    public void demoteOldPrimary(long newTerm) {
        RoleCommand.Demote demotion = NodeLinks.demotion(newTerm, target, termStartLsn);
        List<FailoverNode> nodes = new ArrayList<>(others);
        nodes.add(oldPrimary);
        for (FailoverNode node : nodes) {
            try {
                links.command(node, demotion);
            } catch (TransportException e) {
                // down: it is fenced by the term when it comes back
            }
        }
    }

    @Override
    public void close() {
        links.close();
    }
}
