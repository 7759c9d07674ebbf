package dev.steadfast.spi.transport;

/** A listening node: where it can be reached, until closed. */
public interface Endpoint extends AutoCloseable {

    /**
     * Where peers can connect to this node.
     *
     * @return the address in the transport's syntax, with the bound port when {@code :0} was asked for
     */
    String address();

    /** Stops listening and closes the connections it accepted. Idempotent. */
    @Override
    void close();
}
