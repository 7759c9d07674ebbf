package dev.steadfast.spi.transport;

import java.time.Duration;

/**
 * One node's link to a peer, after the handshake. Requests on one connection are handled one at a time, in the
 * order sent. Thread-safe: concurrent callers take turns.
 */
public interface Connection extends AutoCloseable {

    /**
     * Who is at the other end, as it stated when the connection opened.
     *
     * @return the handshake the peer presented, already accepted by this node
     */
    Handshake peer();

    /**
     * Sends {@code request} and waits for its reply.
     *
     * @param request the message to deliver
     * @param timeout how long to wait for the reply, from the moment of sending
     * @return the peer's reply
     * @throws TransportTimeoutException if no reply came within {@code timeout}; the request may have been handled
     * @throws TransportException        if the connection is broken or closed; a transport that reconnects tries
     *                                   again first
     */
    Message request(Message request, Duration timeout);

    /** Closes the link. Idempotent. */
    @Override
    void close();
}
