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

    /** {@return the entry's journal sequence, {@code >= 1}, increasing by one per entry} */
    long sequence();

    /**
     * An event folded into the state.
     *
     * @param sequence the entry's journal sequence
     * @param event    the decoded event
     * @param <E>      the event type
     */
    record Event<E>(long sequence, E event) implements SessionEntry<E> {
        /**
         * Rejects null.
         *
         * @param sequence the entry's journal sequence
         * @param event    the decoded event
         */
        public Event {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * An owner claimed the session and opened it.
     *
     * @param sequence the entry's journal sequence
     * @param owner    the owner that claimed it
     * @param epoch    the epoch it claimed
     * @param route    where it served the session from
     * @param nowMs    when, epoch millis on the owner's clock
     * @param <E>      the event type
     */
    record Opened<E>(long sequence, String owner, long epoch, String route, long nowMs) implements SessionEntry<E> {
        /**
         * Rejects nulls.
         *
         * @param sequence the entry's journal sequence
         * @param owner    the owner that claimed it
         * @param epoch    the epoch it claimed
         * @param route    where it served the session from
         * @param nowMs    when, epoch millis on the owner's clock
         */
        public Opened {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(route, "route");
        }
    }

    /**
     * The owner's process crashed.
     *
     * @param sequence the entry's journal sequence
     * @param reason   why, as the owner recorded it
     * @param <E>      the event type
     */
    record Crashed<E>(long sequence, String reason) implements SessionEntry<E> {
        /**
         * Rejects null.
         *
         * @param sequence the entry's journal sequence
         * @param reason   why, as the owner recorded it
         */
        public Crashed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The owner restarted.
     *
     * @param sequence the entry's journal sequence
     * @param nowMs    when, epoch millis on the owner's clock
     * @param <E>      the event type
     */
    record Restarted<E>(long sequence, long nowMs) implements SessionEntry<E> {
    }

    /**
     * The session reconnected.
     *
     * @param sequence the entry's journal sequence
     * @param policy   how its state was restored; recovery resets the state at a {@link ReconnectPolicy#REMOUNT}
     * @param route    where it is served from now
     * @param nowMs    when, epoch millis on the owner's clock
     * @param <E>      the event type
     */
    record Reconnected<E>(long sequence, ReconnectPolicy policy, String route, long nowMs) implements SessionEntry<E> {
        /**
         * Rejects nulls.
         *
         * @param sequence the entry's journal sequence
         * @param policy   how its state was restored; recovery resets the state at a {@link ReconnectPolicy#REMOUNT}
         * @param route    where it is served from now
         * @param nowMs    when, epoch millis on the owner's clock
         */
        public Reconnected {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(route, "route");
        }
    }
}
