package dev.steadfast.transport.tcp;

import dev.steadfast.spi.Clock;
import dev.steadfast.spi.transport.Connection;
import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.HandshakeRefusedException;
import dev.steadfast.spi.transport.Message;
import dev.steadfast.spi.transport.TransportException;
import dev.steadfast.spi.transport.TransportTimeoutException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A link to one node. A broken link is reopened by the next request once the backoff has passed (doubling from
 * {@code backoffMillis} up to {@code maxBackoffMillis}, reset by a success); before that a request fails at once
 * instead of blocking. A request's timeout, and the handshake's, bound the whole call (a {@link Deadline} closes the
 * socket), not each read: a peer that trickles its reply or stops reading cannot stretch a call past it. A timed-out
 * request closes the socket, so that its late reply is never read as the answer to the next request. The backoff is timed on the transport's {@link Clock}.
 */
final class TcpConnection implements Connection {
    private final TcpAddress address;
    private final Handshake self;
    private final TcpOptions options;
    private final Wire wire;
    private final Clock clock;
    private Socket socket;
    private Socket plain; // the TCP socket under socket's TLS layer, if any: what a deadline closes
    private InputStream in;
    private OutputStream out;
    private Handshake peer;
    private long backoffMillis;
    private long retryAtNanos;
    private String lastFailure = "";
    private volatile boolean closed;
    private volatile Runnable onClose = () -> { };

    TcpConnection(TcpAddress address, Handshake self, TcpOptions options, Wire wire, Clock clock) {
        this.address = address;
        this.clock = clock;
        this.self = self;
        this.options = options;
        this.wire = wire;
    }

    @Override
    public synchronized Handshake peer() {
        return peer;
    }

    synchronized void open(Duration timeout) {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        Socket plain = new Socket();
        Socket s = plain;
        Deadline deadline = Deadline.after(plain, millis);
        try {
            plain.connect(address.socketAddress(), millis);
            plain.setTcpNoDelay(true);
            plain.setSoTimeout(millis);
            if (options.tls() != null) {
                SSLSocket tls = (SSLSocket) options.tls().getSocketFactory().createSocket(plain, address.host(),
                        address.port(), true);
                s = tls;
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
                tls.startHandshake();
            }
            InputStream input = new BufferedInputStream(s.getInputStream());
            OutputStream output = new BufferedOutputStream(s.getOutputStream());
            wire.writeHello(output, self);
            Wire.Hello hello = wire.readHello(input);
            if (deadline.stop()) {
                throw new SocketTimeoutException("the deadline passed as the hello arrived");
            }
            if (hello instanceof Wire.Refused refused) {
                throw new HandshakeRefusedException("node at tcp://" + address + " refused node '" + self.nodeId()
                        + "': " + refused.reason());
            }
            Handshake greeting = ((Wire.Greeting) hello).handshake();
            String ours = self.refusalOf(greeting);
            if (ours != null) {
                throw new HandshakeRefusedException("node '" + self.nodeId() + "' refused tcp://" + address + ": "
                        + ours);
            }
            socket = s;
            this.plain = plain;
            in = input;
            out = output;
            peer = greeting;
            backoffMillis = 0;
        } catch (IOException e) {
            closeQuietly(plain);
            failed(e);
            if (deadline.stop() || e instanceof SocketTimeoutException) {
                throw new TransportTimeoutException("tcp://" + address + " did not complete the handshake within "
                        + millis + " ms");
            }
            if (e instanceof SSLException) {
                throw new HandshakeRefusedException("TLS handshake with tcp://" + address + " failed: "
                        + e.getMessage(), e);
            }
            if (s instanceof SSLSocket) {
                // Under TLS 1.3 a peer that rejects our certificate does so after our side finished the handshake:
                // we only see it close. The peer logs the real reason.
                throw new HandshakeRefusedException("TLS handshake with tcp://" + address + " failed: the peer closed"
                        + " the connection before its hello (" + e.getMessage() + "); it may not trust this node's"
                        + " certificate", e);
            }
            throw new TransportException("cannot reach tcp://" + address + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deadline.stop();
            closeQuietly(plain);
            failed(e);
            throw e;
        }
    }

    @Override
    public synchronized Message request(Message request, Duration timeout) {
        if (closed) {
            throw new TransportException("connection to tcp://" + address + " is closed");
        }
        if (socket == null) {
            long wait = retryAtNanos - clock.nanos();
            if (wait > 0) {
                throw new TransportException("link to tcp://" + address + " is down (" + lastFailure
                        + "); reconnecting in " + (wait + 999_999) / 1_000_000 + " ms");
            }
            open(timeout);
        }
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        Deadline deadline = Deadline.after(plain, millis);
        try {
            socket.setSoTimeout(millis);
            wire.writeMessage(out, request);
            Message reply = wire.readMessage(in);
            backoffMillis = 0;
            if (deadline.stop()) {
                // the reply is whole, but the deadline closed the socket as it arrived: the next request reopens
                socket = null;
            }
            return reply;
        } catch (IOException e) {
            drop(e);
            if (deadline.stop() || e instanceof SocketTimeoutException) {
                throw new TransportTimeoutException("no reply from tcp://" + address + " within "
                        + timeout.toMillis() + " ms to " + request);
            }
            throw new TransportException("link to tcp://" + address + " broke during " + request + ": " + e, e);
        } finally {
            deadline.stop();
        }
    }

    private void drop(Exception cause) {
        closeQuietly(plain);
        socket = null;
        failed(cause);
    }

    private void failed(Exception cause) {
        lastFailure = cause.toString();
        backoffMillis = backoffMillis == 0 ? options.backoffMillis()
                : Math.min(options.maxBackoffMillis(), backoffMillis * 2);
        retryAtNanos = clock.nanos() + backoffMillis * 1_000_000;
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }

    /** Runs {@code action} when this connection is closed: its transport stops tracking it. */
    void whenClosed(Runnable action) {
        onClose = action;
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeQuietly(socket);
        closeQuietly(plain);
        socket = null;
        onClose.run();
    }

    @Override
    public String toString() {
        return "tcp connection " + self.nodeId() + " -> " + address;
    }
}
