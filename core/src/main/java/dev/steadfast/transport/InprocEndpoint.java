package dev.steadfast.transport;

import dev.steadfast.spi.transport.Endpoint;
import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.MessageHandler;

/** A node listening on an {@link InprocNetwork}. */
final class InprocEndpoint implements Endpoint {
    private final InprocNetwork network;
    private final String address;
    final Handshake self;
    final MessageHandler handler;
    private volatile boolean closed;

    InprocEndpoint(InprocNetwork network, String address, Handshake self, MessageHandler handler) {
        this.network = network;
        this.address = address;
        this.self = self;
        this.handler = handler;
    }

    @Override
    public String address() {
        return address;
    }

    boolean open() {
        return !closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            network.endpoints.remove(address, this);
        }
    }

    @Override
    public String toString() {
        return "inproc endpoint '" + address + "' of node '" + self.nodeId() + "'";
    }
}
