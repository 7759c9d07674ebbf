package dev.steadfast.spi.transport;

import java.time.Duration;

/**
 * A way for nodes of one cluster to exchange {@link Message}s: a node {@linkplain #listen listens} with a handler,
 * its peers {@linkplain #connect connect} to it and send requests, each answered by one reply.
 *
 * <p><b>Handshake.</b> Every connection starts with both sides' {@link Handshake}. The listening side refuses a
 * peer of another cluster id or an unsupported protocol version (and, for a secured transport, a peer without a
 * valid certificate) with {@link HandshakeRefusedException} on the connecting side and a logged reason on its own;
 * it keeps serving its other peers.
 *
 * <p><b>Delivery.</b> A request is delivered at most once per send as far as the transport knows, but networks
 * lose, repeat and reorder: a reply that does not arrive within the timeout is a {@link TransportTimeoutException},
 * and the request may or may not have been handled. Handlers must therefore be idempotent, which replication is
 * (a frame carries its LSN and term). A transport never invents or alters a message: a malformed frame read from
 * the wire closes that connection.
 *
 * <p><b>Threads and lifecycle.</b> Implementations are thread-safe. {@link #close()} stops every listener and
 * connection opened through this transport and is idempotent.
 */
public interface Transport extends AutoCloseable {

    /**
     * Starts serving {@code handler} at {@code address}, answering connections that pass the handshake.
     *
     * @param address where to listen, in this transport's address syntax (for example {@code 127.0.0.1:0})
     * @param self    this node's handshake, sent to every peer that connects
     * @param handler answers each request of an accepted peer; may be called from several threads at once, one
     *                request at a time per connection
     * @return the listening endpoint, which the caller closes
     * @throws TransportException if the address cannot be bound
     */
    Endpoint listen(String address, Handshake self, MessageHandler handler);

    /**
     * Connects to the node listening at {@code address} and exchanges handshakes.
     *
     * @param address where the peer listens, in this transport's address syntax
     * @param self    this node's handshake
     * @param timeout how long to wait for the connection and the peer's handshake
     * @return the connection, open and past the handshake; the caller closes it
     * @throws HandshakeRefusedException if the peer refused this node (the message says why)
     * @throws TransportTimeoutException if the peer did not answer within {@code timeout}
     * @throws TransportException        if the peer cannot be reached
     */
    Connection connect(String address, Handshake self, Duration timeout);

    /** Stops every endpoint and connection of this transport. Idempotent. */
    @Override
    void close();
}
