package dev.steadfast.spi.transport;

/** The peer refused this node at the handshake: another cluster, another protocol version, a bad certificate. */
public class HandshakeRefusedException extends TransportException {
    /**
     * A refusal, as the refusing side explained it.
     *
     * @param message the peer's reason: what it expected and what this node presented
     */
    public HandshakeRefusedException(String message) {
        super(message);
    }

    /**
     * A refusal found through a lower-level failure, such as a TLS certificate check.
     *
     * @param message what was expected and what this node presented
     * @param cause   the failure behind the refusal
     */
    public HandshakeRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
