package dev.steadfast.channel;

import dev.steadfast.spi.Names;
import java.util.List;
import java.util.Objects;

/**
 * A message of a causally ordered channel, as the reliability protocol persists it.
 *
 * @param id            the message's id, unique within its channel; follows the rules of {@link Names}
 * @param senderId      who sent it; follows the rules of {@link Names}
 * @param lamport       the sender's lamport timestamp for it, {@code >= 0}
 * @param causalHistory ids of the messages it depends on (its causal history), oldest first
 * @param content       its body
 */
public record Message(String id, String senderId, long lamport, List<String> causalHistory, Bytes content) {
    /**
     * Checks the components.
     *
     * @param id            the message's id, unique within its channel; follows the rules of {@link Names}
     * @param senderId      who sent it; follows the rules of {@link Names}
     * @param lamport       the sender's lamport timestamp for it, {@code >= 0}
     * @param causalHistory ids of the messages it depends on (its causal history), oldest first
     * @param content       its body
     * @throws IllegalArgumentException naming the field that is invalid
     */
    public Message {
        Names.require("message id", id);
        Names.require("message sender id", senderId);
        if (lamport < 0) {
            throw new IllegalArgumentException("lamport timestamp of message '" + id + "' must be >= 0, was "
                    + lamport);
        }
        causalHistory = List.copyOf(Objects.requireNonNull(causalHistory, "causal history"));
        for (String dependency : causalHistory) {
            Names.require("dependency of message '" + id + "'", dependency);
            if (dependency.equals(id)) {
                throw new IllegalArgumentException("message '" + id + "' names itself in its causal history");
            }
        }
        Objects.requireNonNull(content, "content");
    }

    /**
     * A message with the UTF-8 bytes of {@code text} as its content.
     *
     * @param id            the message's id, unique within its channel
     * @param senderId      who sent it
     * @param lamport       the sender's lamport timestamp for it, {@code >= 0}
     * @param causalHistory ids of the messages it depends on, oldest first
     * @param text          its body
     * @return the message
     * @throws IllegalArgumentException if an id breaks the naming rules or {@code lamport} is negative
     */
    public static Message of(String id, String senderId, long lamport, List<String> causalHistory, String text) {
        return new Message(id, senderId, lamport, causalHistory,
                Bytes.of(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** {@return the content decoded as UTF-8} */
    public String text() {
        return new String(content.unsafeArray(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
