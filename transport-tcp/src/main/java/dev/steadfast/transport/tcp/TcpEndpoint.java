package dev.steadfast.transport.tcp;

import dev.steadfast.spi.Clock;
import dev.steadfast.spi.transport.Endpoint;
import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.MessageHandler;
import dev.steadfast.spi.transport.TransportException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A listening node. Each accepted connection gets its own thread: TLS handshake, hello (refused with a logged
 * reason for another cluster or protocol), then requests answered in order. A malformed, oversized or truncated
 * frame, or a failing handler, closes only that connection. The handshake has {@code handshakeTimeoutMillis} in all,
 * each request {@code idleTimeoutMillis} to begin, and a connection past {@code maxConnections} is closed unserved.
 */
final class TcpEndpoint implements Endpoint {
    private static final System.Logger LOGGER = System.getLogger(TcpEndpoint.class.getName());

    private static final long ACCEPTOR_EXIT_MILLIS = 5_000;
    static final long FIRST_ACCEPT_BACKOFF_MILLIS = 10;
    static final long MAX_ACCEPT_BACKOFF_MILLIS = 1_000;

    private final ServerSocket server;
    private final Handshake self;
    private final TcpOptions options;
    private final Set<Socket> accepted = ConcurrentHashMap.newKeySet();
    private final String address;
    private final AtomicLong overLimit = new AtomicLong();
    private boolean atLimit; // the accept thread's own
    private volatile Thread acceptor;
    private volatile Runnable onClose = () -> { };
    private final InboundConnections inbound;

    private TcpEndpoint(ServerSocket server, Handshake self, MessageHandler handler, TcpOptions options, Wire wire) {
        this.server = server;
        this.options = options;
        this.self = self;
        this.inbound = new InboundConnections(self, handler, wire, options);
        InetAddress bound = server.getInetAddress();
        this.address = TcpAddress.format(bound, server.getLocalPort());
    }

    /** Takes the next connection off a listening socket; a seam, so tests can make accept fail. */
    @FunctionalInterface
    interface Accepting {
        Socket accept(ServerSocket server) throws IOException;
    }

    static TcpEndpoint start(TcpAddress at, Handshake self, MessageHandler handler, TcpOptions options, Wire wire,
            Clock clock) {
        return start(at, self, handler, options, wire, clock, ServerSocket::accept);
    }

    static TcpEndpoint start(TcpAddress at, Handshake self, MessageHandler handler, TcpOptions options, Wire wire,
            Clock clock, Accepting accepting) {
        ServerSocket server;
        try {
            // plain even under TLS: each accepted socket gets its TLS layer in serve(), so that a handshake
            // deadline can close the TCP socket beneath it (see Deadline)
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(at.socketAddress());
        } catch (IOException e) {
            throw new TransportException("cannot listen on tcp address " + at + ": " + e.getMessage(), e);
        }
        TcpEndpoint endpoint = new TcpEndpoint(server, self, handler, options, wire);
        Thread acceptor = new Thread(() -> endpoint.acceptLoop(accepting, clock),
                "steadfast-tcp-accept-" + endpoint.address);
        acceptor.setDaemon(true);
        endpoint.acceptor = acceptor;
        acceptor.start();
        return endpoint;
    }

    @Override
    public String address() {
        return address;
    }

    private void acceptLoop(Accepting accepting, Clock clock) {
        long backoffMillis = 0;
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = accepting.accept(server);
                backoffMillis = 0;
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
                // a failure that repeats at once (out of file descriptors) would spin this thread and the log:
                // wait, doubling up to a second, so a freed descriptor is used soon after
                backoffMillis = backoffMillis == 0 ? FIRST_ACCEPT_BACKOFF_MILLIS
                        : Math.min(MAX_ACCEPT_BACKOFF_MILLIS, backoffMillis * 2);
                LOGGER.log(System.Logger.Level.WARNING, "accepting on " + address + " failed: " + e
                        + "; trying again in " + backoffMillis + " ms");
                try {
                    clock.sleep(Duration.ofMillis(backoffMillis));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                continue;
            }
            if (accepted.size() >= options.maxConnections()) {
                refuseOverLimit(socket);
                continue;
            }
            atLimit = false;
            accepted.add(socket);
            Thread serving = new Thread(() -> inbound.serve(socket, () -> accepted.remove(socket)),
                    "steadfast-tcp-" + address + "-"
                    + socket.getRemoteSocketAddress());
            serving.setDaemon(true);
            serving.start();
        }
    }

    private void refuseOverLimit(Socket socket) {
        long refused = overLimit.incrementAndGet();
        String from = String.valueOf(socket.getRemoteSocketAddress());
        try {
            socket.close();
        } catch (IOException e) {
            // closed either way
        }
        // one warning each time the limit is reached, not one per connection: a flood must not flood the log too
        if (!atLimit) {
            atLimit = true;
            LOGGER.log(System.Logger.Level.WARNING, "node '" + self.nodeId() + "' closed the connection from " + from
                    + " unserved: it already serves maxConnections=" + options.maxConnections() + " (" + refused
                    + " refused so far; more are counted, not logged, until a connection is served again)");
        } else {
            LOGGER.log(System.Logger.Level.DEBUG, () -> "closed " + from + " unserved: at maxConnections");
        }
    }

    /** How many connections this endpoint has closed unserved, as it already served {@code maxConnections}. */
    long refusedOverLimit() {
        return overLimit.get();
    }

    /** The accepted connections now open, for tests: their plain TCP sockets. */
    List<Socket> connections() {
        return List.copyOf(accepted);
    }

    /** Runs {@code action} when this endpoint is closed: its transport stops tracking it. */
    void whenClosed(Runnable action) {
        onClose = action;
    }

    @Override
    public void close() {
        onClose.run();
        try {
            server.close();
        } catch (IOException e) {
            LOGGER.log(System.Logger.Level.DEBUG, () -> "closing " + address + ": " + e);
        }
        // The JDK releases a listening socket that a thread is blocked accepting on only once that thread has left
        // accept(); waiting for it lets the address be listened on again as soon as close returns.
        Thread listening = acceptor;
        if (listening != null && listening != Thread.currentThread()) {
            try {
                listening.join(ACCEPTOR_EXIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Socket socket : accepted) {
            try {
                socket.close();
            } catch (IOException e) {
                // the connection is gone either way
            }
        }
    }

    @Override
    public String toString() {
        return "tcp endpoint " + address + " of node '" + self.nodeId() + "'";
    }
}
