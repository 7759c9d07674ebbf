package dev.steadfast.spi;

import java.util.Objects;

/**
 * Who owns a named thing, at which epoch, with which token, and until when their lease runs.
 *
 * <p>The epoch is the safety part: it only grows (a store refuses to set a fence to a lower epoch), and every write
 * of an owner carries a {@link Guard.FenceAt} guard for its epoch, so once someone else holds a higher epoch the
 * old owner's writes are refused by the store. The lease is the liveness part and is only as good as the clocks
 * that read it.
 *
 * @param name             the fence's name; follows the rules of {@link Names}
 * @param owner            the current owner; follows the rules of {@link Names}
 * @param epoch            the ownership generation, {@code >= 1}
 * @param token            the owner's proof of the grant (may be empty when tokens are not used)
 * @param leaseUntilMillis when the lease ends on the owner's clock, in epoch millis; 0 when released,
 *                         {@link Long#MAX_VALUE} when it never expires
 */
public record Fence(String name, String owner, long epoch, String token, long leaseUntilMillis) {
    /** The longest token allowed, in chars. */
    public static final int MAX_TOKEN_LENGTH = 512;

    /**
     * Checks every field, so that a fence read back from any store is well formed.
     *
     * @param name             the fence's name, a valid {@link Names name}
     * @param owner            the owner, a valid {@link Names name}
     * @param epoch            the ownership generation, {@code >= 1}
     * @param token            the grant's proof, at most {@link #MAX_TOKEN_LENGTH} chars, possibly empty
     * @param leaseUntilMillis the lease end in epoch millis, {@code >= 0}
     * @throws IllegalArgumentException naming the field that is out of range and its value
     */
    public Fence {
        Names.require("fence name", name);
        Names.require("fence owner", owner);
        Objects.requireNonNull(token, "fence token");
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException(
                    "fence token is " + token.length() + " characters long, the limit is " + MAX_TOKEN_LENGTH);
        }
        if (epoch < 1) {
            throw new IllegalArgumentException("fence epoch must be >= 1, was " + epoch);
        }
        if (leaseUntilMillis < 0) {
            throw new IllegalArgumentException("fence lease end must be >= 0, was " + leaseUntilMillis);
        }
    }

    /**
     * Whether the lease is still running at a given time. Says nothing about safety: that is the epoch's job.
     *
     * @param nowMillis the time on the reader's clock, in epoch millis
     * @return true while {@code nowMillis} is before {@link #leaseUntilMillis()}; false once released (lease end 0)
     */
    public boolean leasedAt(long nowMillis) {
        return nowMillis < leaseUntilMillis;
    }
}
