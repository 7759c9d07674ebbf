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

    /** The fence's name. */
    public String name() {
        return fence.name();
    }

    /** The holder. */
    public String owner() {
        return fence.owner();
    }

    /** The ownership epoch. */
    public long epoch() {
        return fence.epoch();
    }

    /** Whether the lease still runs at {@code nowMillis}: {@code nowMillis < untilMillis}. */
    public boolean activeAt(long nowMillis) {
        return nowMillis < untilMillis;
    }

    /** The guard every write made under this lease carries. */
    public Guard.FenceAt guard() {
        return fence.guard();
    }
}
