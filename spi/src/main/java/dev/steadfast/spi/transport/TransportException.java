package dev.steadfast.spi.transport;

/** The root of every fault a transport reports: a peer unreachable, a connection broken, a reply not in time. */
public class TransportException extends RuntimeException {
    /** A fault described by {@code message}. */
    public TransportException(String message) {
        super(message);
    }

    /** A fault described by {@code message}, caused by {@code cause}. */
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
