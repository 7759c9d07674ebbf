package dev.steadfast.spi.transport;

/** The peer refused this node at the handshake: another cluster, another protocol version, a bad certificate. */
public class HandshakeRefusedException extends TransportException {
    /** A refusal whose message says why. */
    public HandshakeRefusedException(String message) {
        super(message);
    }

    /** A refusal whose message says why, caused by {@code cause}. */
    public HandshakeRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
