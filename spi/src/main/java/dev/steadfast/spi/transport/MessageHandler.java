package dev.steadfast.spi.transport;

/**
 * Answers the requests of peers that passed the handshake. Called by the transport's threads, possibly
 * concurrently for different peers; must be idempotent because a request may arrive twice.
 */
@FunctionalInterface
public interface MessageHandler {

    /**
     * Handles one request.
     *
     * @param from    the handshake of the peer that sent it
     * @param request the request
     * @return the reply, never null; a request the node will not honour gets a {@link Message.Refusal}
     */
    Message handle(Handshake from, Message request);
}
