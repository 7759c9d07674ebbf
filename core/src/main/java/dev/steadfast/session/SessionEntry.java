package dev.steadfast.session;

import java.util.Objects;

/**
 * One entry of a session's journal: an event, or a lifecycle marker recorded beside the events. Markers are never
 * fed to the reducer; recovery uses them for the lifecycle and route (and a {@link ReconnectPolicy#REMOUNT}
 * reconnect resets the state).
 *
 * @param <E> the event type
 */
public sealed interface SessionEntry<E> {

    /** The entry's journal sequence. */
    long sequence();

    /** An event folded into the state. */
    record Event<E>(long sequence, E event) implements SessionEntry<E> {
        /** Rejects null. */
        public Event {
            Objects.requireNonNull(event, "event");
        }
    }

    /** An owner claimed the session at {@code epoch} and opened it on {@code route}. */
    record Opened<E>(long sequence, String owner, long epoch, String route, long nowMs) implements SessionEntry<E> {
        /** Rejects nulls. */
        public Opened {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(route, "route");
        }
    }

    /** The owner's process crashed, for {@code reason}. */
    record Crashed<E>(long sequence, String reason) implements SessionEntry<E> {
        /** Rejects null. */
        public Crashed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The owner restarted at {@code nowMs}. */
    record Restarted<E>(long sequence, long nowMs) implements SessionEntry<E> {
    }

    /** The session reconnected with {@code policy} on {@code route} at {@code nowMs}. */
    record Reconnected<E>(long sequence, ReconnectPolicy policy, String route, long nowMs) implements SessionEntry<E> {
        /** Rejects nulls. */
        public Reconnected {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(route, "route");
        }
    }
}
