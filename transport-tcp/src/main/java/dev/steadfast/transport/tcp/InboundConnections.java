package dev.steadfast.transport.tcp;

import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.Message;
import dev.steadfast.spi.transport.MessageHandler;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * How a listening node serves each connection it accepted, on that connection's own thread: TLS handshake and hello
 * within {@code handshakeTimeoutMillis} in all (refused with a logged reason for another cluster or protocol, or, with
 * {@code nodeIdInCertificate}, a certificate that does not name the claimed node id), then requests answered in
 * order, each within {@code idleTimeoutMillis} to begin. A malformed, oversized or truncated frame, or a failing
 * handler, closes only that connection.
 */
final class InboundConnections {
    private static final System.Logger LOGGER = System.getLogger(TcpEndpoint.class.getName());

    private final Handshake self;
    private final MessageHandler handler;
    private final Wire wire;
    private final TcpOptions options;

    InboundConnections(Handshake self, MessageHandler handler, Wire wire, TcpOptions options) {
        this.self = self;
        this.handler = handler;
        this.wire = wire;
        this.options = options;
    }

    /**
     * Serves one accepted connection on the calling thread until it ends, then runs {@code ended}.
     *
     * @param plain the accepted TCP socket
     * @param ended run last, however the connection ended
     */
    void serve(Socket plain, Runnable ended) {
        String from = String.valueOf(plain.getRemoteSocketAddress());
        // the handshake timeout bounds the TLS handshake and hello together, not each read: a peer that trickles
        // its hello a byte at a time must not hold this thread longer
        Deadline deadline = Deadline.after(plain, options.handshakeTimeoutMillis());
        boolean greeted = false;
        try (plain) { // the plain socket only: a TLS close would first write its close notice, maybe to no reader
            Socket socket = secured(plain);
            socket.setSoTimeout((int) options.handshakeTimeoutMillis());
            socket.setTcpNoDelay(true);
            // a peer gone without a word (power loss, a cut cable) is found by the OS's keepalive probes even
            // while the idle timeout is long
            plain.setKeepAlive(true);
            if (socket instanceof SSLSocket tls) {
                tls.startHandshake();
            }
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            Wire.Hello hello = wire.readHello(in);
            if (!(hello instanceof Wire.Greeting greeting)) {
                throw new MalformedFrameException("a connecting node sent a refusal instead of its hello");
            }
            Handshake peer = greeting.handshake();
            String refusal = self.refusalOf(peer);
            if (refusal == null) {
                refusal = certificateRefusal(socket, peer);
            }
            if (refusal != null) {
                LOGGER.log(System.Logger.Level.WARNING, "node '" + self.nodeId() + "' refused " + from + ": "
                        + refusal);
                wire.writeRefused(out, refusal);
                return;
            }
            wire.writeHello(out, self);
            if (deadline.stop()) {
                throw new SocketTimeoutException("the handshake timeout passed as the hello was answered");
            }
            greeted = true;
            socket.setSoTimeout((int) options.idleTimeoutMillis());
            while (true) {
                Message request;
                try {
                    request = wire.readMessage(in);
                } catch (EOFException e) {
                    return; // the peer closed between frames
                }
                wire.writeMessage(out, handler.handle(peer, request));
            }
        } catch (SSLException e) {
            if (deadline.stop()) {
                logHandshakeTimeout(from);
                return;
            }
            LOGGER.log(System.Logger.Level.WARNING, "node '" + self.nodeId() + "' refused " + from
                    + ": TLS handshake failed: " + e.getMessage());
        } catch (MalformedFrameException e) {
            LOGGER.log(System.Logger.Level.WARNING, "node '" + self.nodeId() + "' closed the connection from " + from
                    + ": " + e.getMessage());
        } catch (IOException e) {
            if (deadline.stop() || (e instanceof SocketTimeoutException && !greeted)) {
                logHandshakeTimeout(from);
                return;
            }
            if (e instanceof SocketTimeoutException) {
                LOGGER.log(System.Logger.Level.INFO, "node '" + self.nodeId() + "' closed the connection from " + from
                        + ": no request within idleTimeoutMillis=" + options.idleTimeoutMillis());
                return;
            }
            LOGGER.log(System.Logger.Level.DEBUG, () -> "connection from " + from + " ended: " + e);
        } catch (RuntimeException e) {
            LOGGER.log(System.Logger.Level.WARNING, "node '" + self.nodeId() + "' closed the connection from " + from
                    + " after its handler failed", e);
        } finally {
            deadline.stop();
            ended.run();
        }
    }

    /** With {@code nodeIdInCertificate}: why the peer's certificate does not vouch for its node id, or null. */
    private String certificateRefusal(Socket socket, Handshake peer) throws IOException {
        if (!options.nodeIdInCertificate() || !(socket instanceof SSLSocket tls)) {
            return null;
        }
        Certificate[] chain = tls.getSession().getPeerCertificates(); // clientAuth: there is one, or no handshake
        List<String> names = chain[0] instanceof X509Certificate x509 ? CertificateNames.of(x509) : List.of();
        if (names.contains(peer.nodeId())) {
            return null;
        }
        return "node id '" + peer.nodeId() + "' is not named by its TLS certificate, which names " + names
                + " (nodeIdInCertificate=true: a node's certificate must name its id as subject CN or as an alternative"
                + " name)";
    }

    private void logHandshakeTimeout(String from) {
        LOGGER.log(System.Logger.Level.WARNING, "node '" + self.nodeId() + "' closed the connection from " + from
                + ": no TLS handshake and hello within " + options.handshakeTimeoutMillis() + " ms");
    }

    private Socket secured(Socket plain) throws IOException {
        if (options.tls() == null) {
            return plain;
        }
        SSLSocket tls = (SSLSocket) options.tls().getSocketFactory().createSocket(plain, null, true);
        tls.setUseClientMode(false);
        tls.setNeedClientAuth(options.clientAuth());
        return tls;
    }
}
