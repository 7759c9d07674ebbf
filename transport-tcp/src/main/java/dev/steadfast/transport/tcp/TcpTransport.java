package dev.steadfast.transport.tcp;

import dev.steadfast.spi.Clock;
import dev.steadfast.spi.transport.Connection;
import dev.steadfast.spi.transport.Endpoint;
import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.MessageHandler;
import dev.steadfast.spi.transport.Transport;
import dev.steadfast.spi.transport.TransportException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** The {@code tcp://} transport: one thread per accepted connection, one request at a time per connection. */
final class TcpTransport implements Transport {
    private final TcpOptions options;
    private final Wire wire;
    private final Clock clock;
    private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    TcpTransport(TcpOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.wire = new Wire(options.maxFrameBytes());
    }

    @Override
    public Endpoint listen(String address, Handshake self, MessageHandler handler) {
        requireOpen();
        TcpEndpoint endpoint = TcpEndpoint.start(TcpAddress.parse(Objects.requireNonNull(address, "address")),
                Objects.requireNonNull(self, "handshake"), Objects.requireNonNull(handler, "handler"), options, wire,
                clock);
        opened.add(endpoint);
        endpoint.whenClosed(() -> opened.remove(endpoint));
        return endpoint;
    }

    @Override
    public Connection connect(String address, Handshake self, Duration timeout) {
        requireOpen();
        TcpConnection connection = new TcpConnection(TcpAddress.parse(Objects.requireNonNull(address, "address")),
                Objects.requireNonNull(self, "handshake"), options, wire, clock);
        connection.open(Objects.requireNonNull(timeout, "timeout"));
        opened.add(connection);
        connection.whenClosed(() -> opened.remove(connection));
        return connection;
    }

    /** How many endpoints and connections this transport would close at its close: the ones still open. */
    int tracked() {
        return opened.size();
    }

    private void requireOpen() {
        if (closed) {
            throw new TransportException("tcp transport is closed");
        }
    }

    @Override
    public void close() {
        closed = true;
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception e) {
                // closing is best effort: the sockets are gone either way
            }
        }
        opened.clear();
    }
}
