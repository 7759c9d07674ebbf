package dev.steadfast.transport;

import dev.steadfast.spi.Names;
import dev.steadfast.spi.transport.Connection;
import dev.steadfast.spi.transport.Endpoint;
import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.HandshakeRefusedException;
import dev.steadfast.spi.transport.MessageHandler;
import dev.steadfast.spi.transport.Transport;
import dev.steadfast.spi.transport.TransportException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Transport} onto an {@link InprocNetwork}: addresses are names, delivery a method call. */
final class InprocTransport implements Transport {
    private static final System.Logger LOGGER = System.getLogger(InprocTransport.class.getName());

    private final InprocNetwork network;
    private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    InprocTransport(InprocNetwork network) {
        this.network = network;
    }

    @Override
    public Endpoint listen(String address, Handshake self, MessageHandler handler) {
        Names.require("inproc address", address);
        Objects.requireNonNull(self, "handshake");
        Objects.requireNonNull(handler, "handler");
        requireOpen();
        InprocEndpoint endpoint = new InprocEndpoint(network, address, self, handler);
        network.register(address, endpoint);
        opened.add(endpoint);
        return endpoint;
    }

    @Override
    public Connection connect(String address, Handshake self, Duration timeout) {
        Names.require("inproc address", address);
        Objects.requireNonNull(self, "handshake");
        Objects.requireNonNull(timeout, "timeout");
        requireOpen();
        InprocEndpoint endpoint = network.endpoints.get(address);
        if (endpoint == null || !endpoint.open()) {
            throw new TransportException("no node listens at inproc address '" + address + "'");
        }
        String refusal = endpoint.self.refusalOf(self);
        if (refusal != null) {
            LOGGER.log(System.Logger.Level.WARNING, "inproc node '" + endpoint.self.nodeId()
                    + "' refused a connection: " + refusal);
            throw new HandshakeRefusedException("node at inproc address '" + address + "' refused node '"
                    + self.nodeId() + "': " + refusal);
        }
        String ours = self.refusalOf(endpoint.self);
        if (ours != null) {
            throw new HandshakeRefusedException("node '" + self.nodeId() + "' refused the node at inproc address '"
                    + address + "': " + ours);
        }
        InprocConnection connection = new InprocConnection(network, address, self, endpoint.self);
        opened.add(connection);
        return connection;
    }

    private void requireOpen() {
        if (closed) {
            throw new TransportException("inproc transport is closed");
        }
    }

    @Override
    public void close() {
        closed = true;
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception e) {
                LOGGER.log(System.Logger.Level.DEBUG, "closing " + c + " failed", e);
            }
        }
        opened.clear();
    }
}
