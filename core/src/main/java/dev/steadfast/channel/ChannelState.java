package dev.steadfast.channel;

import dev.steadfast.spi.Names;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything persisted of one channel, as of one committed step: what a protocol needs to bootstrap it.
 *
 * <p>Maps are keyed by message id and iterate in id order; the history iterates oldest first.
 *
 * @param channelId       the channel
 * @param lamport         the channel's lamport clock: never lowered, and at least every stored message's timestamp
 * @param steps           steps committed since the channel was created (0 for a new or dropped channel)
 * @param history         delivered messages, oldest first, at most the configured cap
 * @param retrievalHints  where delivered messages can be fetched from again, by message id
 * @param outgoing        sent messages not acknowledged yet
 * @param incoming        received messages waiting for missing dependencies
 * @param outgoingRepairs repairs this side will request, with absolute deadlines
 * @param incomingRepairs repairs this side will answer, with absolute deadlines
 */
public record ChannelState(String channelId, long lamport, long steps, List<HistoryEntry> history,
                           Map<String, Bytes> retrievalHints, Map<String, Unacknowledged> outgoing,
                           Map<String, Waiting> incoming, Map<String, OutgoingRepair> outgoingRepairs,
                           Map<String, IncomingRepair> incomingRepairs) {

    /**
     * Copies every collection; rejects nulls and negative counters.
     *
     * @param channelId       the channel
     * @param lamport         the channel's lamport clock: never lowered, and at least every stored message's
     *                        timestamp
     * @param steps           steps committed since the channel was created (0 for a new or dropped channel)
     * @param history         delivered messages, oldest first, at most the configured cap
     * @param retrievalHints  where delivered messages can be fetched from again, by message id
     * @param outgoing        sent messages not acknowledged yet
     * @param incoming        received messages waiting for missing dependencies
     * @param outgoingRepairs repairs this side will request, with absolute deadlines
     * @param incomingRepairs repairs this side will answer, with absolute deadlines
     */
    public ChannelState {
        Names.require("channel id", channelId);
        if (lamport < 0 || steps < 0) {
            throw new IllegalArgumentException("channel '" + channelId + "' lamport and steps must be >= 0, were "
                    + lamport + " and " + steps);
        }
        history = List.copyOf(history);
        retrievalHints = sorted(retrievalHints);
        outgoing = sorted(outgoing);
        incoming = sorted(incoming);
        outgoingRepairs = sorted(outgoingRepairs);
        incomingRepairs = sorted(incomingRepairs);
    }

    /**
     * A channel with nothing stored.
     *
     * @param channelId the channel's id
     * @return lamport 0, no steps, every buffer empty
     */
    public static ChannelState empty(String channelId) {
        return new ChannelState(channelId, 0, 0, List.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** {@return true if nothing is stored for this channel} */
    public boolean isEmpty() {
        return steps == 0 && lamport == 0 && history.isEmpty() && retrievalHints.isEmpty() && outgoing.isEmpty()
                && incoming.isEmpty() && outgoingRepairs.isEmpty() && incomingRepairs.isEmpty();
    }

    /**
     * Looks a delivered message up in the history.
     *
     * @param id the message's id
     * @return the message, or empty if it was never delivered or has left the history
     */
    public Optional<Message> delivered(String id) {
        Objects.requireNonNull(id, "id");
        for (HistoryEntry e : history) {
            if (e.message().id().equals(id)) {
                return Optional.of(e.message());
            }
        }
        return Optional.empty();
    }

    /** {@return waiting messages whose dependencies have all been delivered, in id order: deliver these next} */
    public List<Message> ready() {
        return incoming.values().stream().filter(w -> w.missing().isEmpty()).map(Waiting::message).toList();
    }

    /** {@return the ids of the history's messages, oldest first} */
    public List<String> historyIds() {
        return history.stream().map(e -> e.message().id()).toList();
    }

    /** The position the next delivered message gets. */
    long nextPosition() {
        return history.isEmpty() ? 1 : history.get(history.size() - 1).position() + 1;
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        Objects.requireNonNull(map, "map");
        if (map.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(map)));
    }
}
