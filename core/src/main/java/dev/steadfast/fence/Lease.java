package dev.steadfast.fence;

import dev.steadfast.spi.Guard;
import java.util.Objects;

/**
 * A fence held with a time limit: {@code fence} is owned until {@code untilMillis} on the holder's clock
 * (0 once released). The lease says when others may take over; the fence's epoch is what keeps the holder's
 * writes out once they have.
 *
 * @param fence       the ownership
 * @param untilMillis when the lease ends, epoch millis on the holder's clock
 */
public record Lease(OwnershipFence fence, long untilMillis) {
    /**
     * Checks the components.
     *
     * @param fence       the ownership
     * @param untilMillis when the lease ends, epoch millis on the holder's clock
     * @throws IllegalArgumentException if {@code untilMillis < 0}
     */
    public Lease {
        Objects.requireNonNull(fence, "fence");
        if (untilMillis < 0) {
            throw new IllegalArgumentException("lease end must be >= 0, was " + untilMillis);
        }
    }

    /** {@return the fence's name} */
    public String name() {
        return fence.name();
    }

    /** {@return the holder's owner name} */
    public String owner() {
        return fence.owner();
    }

    /** {@return the ownership epoch: each new holder of the lease gets a higher one} */
    public long epoch() {
        return fence.epoch();
    }

    /**
     * Whether the lease still runs at a time on the holder's clock.
     *
     * @param nowMillis epoch millis
     * @return true if {@code nowMillis < untilMillis}
     */
    public boolean activeAt(long nowMillis) {
        return nowMillis < untilMillis;
    }

    /** {@return the guard every write made under this lease carries: the fence is still at this epoch} */
    public Guard.FenceAt guard() {
        return fence.guard();
    }
}
