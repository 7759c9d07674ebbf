package dev.steadfast.spi.transport;

/** No reply came in time. The request may or may not have been handled by the peer. */
public class TransportTimeoutException extends TransportException {
    /**
     * A timeout.
     *
     * @param message which peer, which request and how long was waited
     */
    public TransportTimeoutException(String message) {
        super(message);
    }
}
