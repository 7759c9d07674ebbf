package dev.steadfast.spi.transport;

/** The root of every fault a transport reports: a peer unreachable, a connection broken, a reply not in time. */
public class TransportException extends RuntimeException {
    /**
     * A fault the transport detected itself, such as a malformed frame.
     *
     * @param message which peer or address, and what failed
     */
    public TransportException(String message) {
        super(message);
    }

    /**
     * A fault found through a lower-level failure, such as a socket error.
     *
     * @param message which peer or address, and what failed
     * @param cause   the failure behind it
     */
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
