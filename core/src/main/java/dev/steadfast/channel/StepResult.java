package dev.steadfast.channel;

import dev.steadfast.fence.OwnershipError;
import java.util.Objects;

/**
 * What became of a step: {@link Committed} with the channel's state after it, or {@link Refused} because another
 * owner holds the channel now (nothing was written). Faults are not results: the step's stage completes
 * exceptionally.
 */
public sealed interface StepResult {

    /** {@return true if the step committed} */
    default boolean isCommitted() {
        return this instanceof Committed;
    }

    /**
     * The state after the step.
     *
     * @return the state of a {@link Committed} step
     * @throws dev.steadfast.fence.OwnershipException if the step was refused
     */
    default ChannelState orElseThrow() {
        if (this instanceof Committed c) {
            return c.state();
        }
        throw new dev.steadfast.fence.OwnershipException(((Refused) this).error());
    }

    /**
     * The step is durable (on a durable store).
     *
     * @param state the channel's state after the step
     */
    record Committed(ChannelState state) implements StepResult {
        /**
         * Rejects null.
         *
         * @param state the channel's state after the step
         */
        public Committed {
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * The store refused the step, and nothing was written: this handle's owner was superseded.
     *
     * @param error who holds the channel now
     */
    record Refused(OwnershipError error) implements StepResult {
        /**
         * Rejects null.
         *
         * @param error who holds the channel now
         */
        public Refused {
            Objects.requireNonNull(error, "error");
        }
    }
}
