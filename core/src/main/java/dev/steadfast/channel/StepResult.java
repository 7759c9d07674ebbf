package dev.steadfast.channel;

import dev.steadfast.fence.OwnershipError;
import java.util.Objects;

/**
 * What became of a step: {@link Committed} with the channel's state after it, or {@link Refused} because another
 * owner holds the channel now (nothing was written). Faults are not results: the step's stage completes
 * exceptionally.
 */
public sealed interface StepResult {

    /** Whether the step committed. */
    default boolean isCommitted() {
        return this instanceof Committed;
    }

    /**
     * The state after the step.
     *
     * @throws dev.steadfast.fence.OwnershipException if the step was refused
     */
    default ChannelState orElseThrow() {
        if (this instanceof Committed c) {
            return c.state();
        }
        throw new dev.steadfast.fence.OwnershipException(((Refused) this).error());
    }

    /** The step is durable (on a durable store) and the channel's state is {@code state}. */
    record Committed(ChannelState state) implements StepResult {
        /** Rejects null. */
        public Committed {
            Objects.requireNonNull(state, "state");
        }
    }

    /** The store refused the step: this handle's owner was superseded. */
    record Refused(OwnershipError error) implements StepResult {
        /** Rejects null. */
        public Refused {
            Objects.requireNonNull(error, "error");
        }
    }
}
