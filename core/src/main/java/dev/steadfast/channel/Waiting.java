package dev.steadfast.channel;

import dev.steadfast.spi.Names;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A received message held back until the messages it depends on are delivered.
 *
 * @param message the message
 * @param missing ids of its dependencies not delivered yet, sorted; empty once the last of them was delivered,
 *                which makes the message ready to deliver ({@link ChannelState#ready()})
 */
public record Waiting(Message message, Set<String> missing) {
    /**
     * Checks the components.
     *
     * @param message the message
     * @param missing ids of its dependencies not delivered yet, sorted; empty once the last of them was delivered,
     *                which makes the message ready to deliver ({@link ChannelState#ready()})
     * @throws IllegalArgumentException if {@code missing} names the message itself
     */
    public Waiting {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(missing, "missing");
        TreeSet<String> sorted = new TreeSet<>();
        for (String id : missing) {
            sorted.add(Names.require("missing dependency of message '" + message.id() + "'", id));
        }
        if (sorted.contains(message.id())) {
            throw new IllegalArgumentException("message '" + message.id() + "' cannot wait for itself");
        }
        missing = java.util.Collections.unmodifiableSortedSet(sorted);
    }
}
