package dev.steadfast.channel;

import dev.steadfast.spi.Names;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One step of the reliability protocol, committed as one atomic, fenced batch: after a crash the channel is in the
 * state before the step or after it, never between. Every step also raises the channel's lamport clock to the
 * timestamp of any message it stores (the clock never goes down) and counts itself in {@link ChannelState#steps()}.
 *
 * <p>Steps are checked against the channel's state when they run; one that does not fit it (delivering a message
 * twice, resending one that was never sent) fails with an {@link IllegalArgumentException} naming the message and
 * changes nothing.
 */
public sealed interface ChannelStep {

    /**
     * This side sends {@code message}: it joins the outgoing buffer (unacknowledged, no resends yet) and the
     * history, evicting the oldest history entries over the cap.
     *
     * @param message      the message sent
     * @param sentAtMillis when, epoch millis, {@code >= 0}
     */
    record Send(Message message, long sentAtMillis) implements ChannelStep {
        /**
         * Checks the components.
         *
         * @param message      the message sent
         * @param sentAtMillis when, epoch millis, {@code >= 0}
         * @throws IllegalArgumentException if the send time is negative
         */
        public Send {
            Objects.requireNonNull(message, "message");
            if (sentAtMillis < 0) {
                throw new IllegalArgumentException("send time of message '" + message.id() + "' must be >= 0, was "
                        + sentAtMillis);
            }
        }
    }

    /**
     * {@code message} is delivered: it joins the history (evicting the oldest entries over the cap, with their
     * retrieval hints), leaves the incoming buffer if it waited there, leaves the missing set of every message
     * waiting for it, and its repair entries (both directions) are dropped. A non-empty {@code retrievalHint} is
     * stored with it. Only the history is checked for duplicates: a message evicted from it is not recognised
     * (the protocol's own duplicate filter, a bloom filter rebuilt from the history say, is the caller's).
     *
     * @param message       the message delivered
     * @param retrievalHint where it can be fetched again, or {@link Bytes#empty()} for none
     */
    record Deliver(Message message, Bytes retrievalHint) implements ChannelStep {
        /**
         * Rejects nulls.
         *
         * @param message       the message delivered
         * @param retrievalHint where it can be fetched again, or {@link Bytes#empty()} for none
         */
        public Deliver {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(retrievalHint, "retrieval hint");
        }

        /**
         * Delivers {@code message} without a retrieval hint.
         *
         * @param message the message delivered
         */
        public Deliver(Message message) {
            this(message, Bytes.empty());
        }
    }

    /**
     * A received message cannot be delivered yet: it joins the incoming buffer with the dependencies it misses
     * (none of which may be delivered already), and the repairs to request for them join the outgoing repair buffer.
     *
     * @param waiting the message held back, with the ids it misses (at least one)
     * @param repairs the repair requests to schedule for missing ids, possibly none
     */
    record Await(Waiting waiting, List<OutgoingRepair> repairs) implements ChannelStep {
        /**
         * Checks the components.
         *
         * @param waiting the message held back, with the ids it misses (at least one)
         * @param repairs the repair requests to schedule for missing ids, possibly none
         * @throws IllegalArgumentException if nothing is missing
         */
        public Await {
            Objects.requireNonNull(waiting, "waiting");
            repairs = List.copyOf(repairs);
            if (waiting.missing().isEmpty()) {
                throw new IllegalArgumentException("message '" + waiting.message().id()
                        + "' misses no dependency; deliver it instead of awaiting");
            }
        }

        /**
         * Holds {@code message} back until {@code missing} are delivered, requesting no repair.
         *
         * @param message the message held back
         * @param missing the ids of its dependencies not delivered yet, at least one
         */
        public Await(Message message, Set<String> missing) {
            this(new Waiting(message, missing), List.of());
        }
    }

    /**
     * The other side acknowledged {@code messageIds}: each leaves the outgoing buffer, with its repair entries.
     * Ids not in the buffer are ignored, since acknowledgements arrive more than once.
     *
     * @param messageIds the acknowledged ids, at least one
     */
    record Acknowledge(Set<String> messageIds) implements ChannelStep {
        /**
         * Checks the components.
         *
         * @param messageIds the acknowledged ids, at least one
         * @throws IllegalArgumentException if the set is empty or an id is invalid
         */
        public Acknowledge {
            messageIds = ids("acknowledged message id", messageIds);
        }
    }

    /**
     * An unacknowledged message was sent again: one more attempt is counted.
     *
     * @param messageId    the id of a message in the outgoing buffer
     * @param sentAtMillis when it was sent again, epoch millis, {@code >= 0}
     */
    record Resend(String messageId, long sentAtMillis) implements ChannelStep {
        /**
         * Checks the components.
         *
         * @param messageId    the id of a message in the outgoing buffer
         * @param sentAtMillis when it was sent again, epoch millis, {@code >= 0}
         * @throws IllegalArgumentException if the id is invalid or the time negative
         */
        public Resend {
            Names.require("resent message id", messageId);
            if (sentAtMillis < 0) {
                throw new IllegalArgumentException("resend time of message '" + messageId + "' must be >= 0, was "
                        + sentAtMillis);
            }
        }
    }

    /**
     * Schedules a repair request for a message this side misses (replacing an earlier one for it).
     *
     * @param repair the missing message's id and when to ask for it
     */
    record RequestRepair(OutgoingRepair repair) implements ChannelStep {
        /**
         * Rejects null.
         *
         * @param repair the missing message's id and when to ask for it
         */
        public RequestRepair {
            Objects.requireNonNull(repair, "repair");
        }
    }

    /**
     * Schedules an answer to another member's repair request (replacing an earlier one for the message).
     *
     * @param repair the requested message's id, the encoded message to send back and when to answer
     */
    record OfferRepair(IncomingRepair repair) implements ChannelStep {
        /**
         * Rejects null.
         *
         * @param repair the requested message's id, the encoded message to send back and when to answer
         */
        public OfferRepair {
            Objects.requireNonNull(repair, "repair");
        }
    }

    /**
     * Drops the repair entries of {@code messageIds}, in both directions (someone else repaired them).
     *
     * @param messageIds the ids whose repairs are cancelled, at least one
     */
    record CancelRepairs(Set<String> messageIds) implements ChannelStep {
        /**
         * Checks the components.
         *
         * @param messageIds the ids whose repairs are cancelled, at least one
         * @throws IllegalArgumentException if the set is empty or an id is invalid
         */
        public CancelRepairs {
            messageIds = ids("repaired message id", messageIds);
        }
    }

    /**
     * Removes the delivered message {@code messageId} from the history, with its retrieval hint, keeping the order
     * of the entries around it. It is then no longer known as delivered. An id not in the history is refused.
     *
     * @param messageId the id of a delivered message in the history
     */
    record RemoveFromHistory(String messageId) implements ChannelStep {
        /**
         * Checks the components.
         *
         * @param messageId the id of a delivered message in the history
         * @throws IllegalArgumentException if the id is invalid
         */
        public RemoveFromHistory {
            Names.require("removed message id", messageId);
        }
    }

    /**
     * Stores where a delivered message can be fetched again.
     *
     * @param messageId the id of a delivered message in the history
     * @param hint      where it can be fetched, for example a store key
     */
    record SetRetrievalHint(String messageId, Bytes hint) implements ChannelStep {
        /**
         * Checks the components.
         *
         * @param messageId the id of a delivered message in the history
         * @param hint      where it can be fetched, for example a store key
         * @throws IllegalArgumentException if the id is invalid
         */
        public SetRetrievalHint {
            Names.require("hinted message id", messageId);
            Objects.requireNonNull(hint, "hint");
        }
    }

    private static Set<String> ids(String what, Set<String> ids) {
        Objects.requireNonNull(ids, what + "s");
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("at least one " + what + " is needed");
        }
        TreeSet<String> sorted = new TreeSet<>();
        ids.forEach(id -> sorted.add(Names.require(what, id)));
        return java.util.Collections.unmodifiableSortedSet(sorted);
    }
}
