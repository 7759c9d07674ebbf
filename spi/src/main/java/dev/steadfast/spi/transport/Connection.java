package dev.steadfast.spi.transport;

import java.time.Duration;

/**
 * One node's link to a peer, after the handshake. Requests on one connection are handled one at a time, in the
 * order sent. Thread-safe: concurrent callers take turns.
 */
public interface Connection extends AutoCloseable {

    /** The handshake the peer presented. */
    Handshake peer();

    /**
     * Sends {@code request} and waits for its reply.
     *
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
