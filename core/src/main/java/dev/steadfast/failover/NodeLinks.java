package dev.steadfast.failover;

import dev.steadfast.spi.transport.Connection;
import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.Message;
import dev.steadfast.spi.transport.RoleCommand;
import dev.steadfast.spi.transport.Transport;
import dev.steadfast.spi.transport.TransportException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A coordinator's connections to nodes, opened on first use, reopened after a broken link. */
final class NodeLinks implements AutoCloseable {
    private final Transport transport;
    private final Handshake self;
    private final Duration timeout;
    private final Map<String, Connection> open = new HashMap<>();

    NodeLinks(Transport transport, Handshake self, Duration timeout) {
        this.transport = transport;
        this.self = self;
        this.timeout = timeout;
    }

    /**
     * Sends {@code command} to {@code node} and returns its acknowledgement.
     *
     * @throws IllegalStateException if the node refused, naming the node, the command and why
     * @throws TransportException    if the node could not be reached or did not answer in time
     */
    Message.Ack command(FailoverNode node, RoleCommand command) {
        Connection connection = open.get(node.id());
        if (connection == null) {
            connection = transport.connect(node.address(), self, timeout);
            open.put(node.id(), connection);
        }
        Message reply;
        try {
            reply = connection.request(command, timeout);
        } catch (TransportException e) {
            open.remove(node.id()).close();
            throw e;
        }
        if (reply instanceof Message.Ack ack) {
            return ack;
        }
        String why = reply instanceof Message.Refusal r ? r.reason() + ": " + r.detail() : "replied " + reply;
        throw new IllegalStateException("node '" + node.id() + "' refused " + command + " (" + why + ")");
    }

    /** Makes {@code target} primary at {@code newTerm}; returns the LSN the term starts at. */
    long promote(FailoverNode target, long newTerm) {
        return command(target, new RoleCommand.Promote(newTerm)).durableLsn() + 1;
    }

    /**
     * The command demoting a node to a replica of {@code target} at {@code newTerm}.
     *
     * @throws IllegalStateException if the target's promotion has not told where the term starts
     */
    static RoleCommand.Demote demotion(long newTerm, FailoverNode target, long termStartLsn) {
        if (termStartLsn < 1) {
            throw new IllegalStateException("demotion to term " + newTerm + " before the target '" + target.id()
                    + "' was promoted");
        }
        return new RoleCommand.Demote(newTerm, target.id(), termStartLsn);
    }

    @Override
    public void close() {
        open.values().forEach(Connection::close);
        open.clear();
    }
}
