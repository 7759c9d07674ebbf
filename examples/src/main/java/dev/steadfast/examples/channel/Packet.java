package dev.steadfast.examples.channel;

import dev.steadfast.channel.Message;
import java.util.Set;

/** What peers exchange: a message, or acknowledgements of messages delivered. */
sealed interface Packet {
    /** A chat message. */
    record Data(Message message) implements Packet {
    }

    /** The receiver delivered these messages; the sender may stop resending them. */
    record Ack(Set<String> messageIds) implements Packet {
    }
}
