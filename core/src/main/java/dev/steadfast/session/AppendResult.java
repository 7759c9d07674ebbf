package dev.steadfast.session;

import dev.steadfast.spi.Conflict;
import java.util.Objects;

/** What became of one write of a session (an event or a lifecycle marker). */
public sealed interface AppendResult {

    /** {@return true if the write was acknowledged: durable if the store is} */
    default boolean acknowledged() {
        return this instanceof Acknowledged;
    }

    /**
     * The write is durable as the profile promises.
     *
     * @param journalSequence the entry's journal sequence, 0 when the profile does not journal it
     * @param eventCount      events the session has taken so far
     */
    record Acknowledged(long journalSequence, long eventCount) implements AppendResult {
    }

    /**
     * The store refused the write and nothing was changed.
     *
     * @param conflict what the store found, for example a {@link dev.steadfast.spi.FencedOut}
     * @param reason   why, in words ("... superseded by owner 'b' at epoch 2")
     */
    record Refused(Conflict conflict, String reason) implements AppendResult {
        /**
         * Rejects nulls.
         *
         * @param conflict what the store found, for example a {@link dev.steadfast.spi.FencedOut}
         * @param reason   why, in words ("... superseded by owner 'b' at epoch 2")
         */
        public Refused {
            Objects.requireNonNull(conflict, "conflict");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
