package dev.steadfast.fence;

import dev.steadfast.spi.Fence;
import java.util.Optional;

/** The takeover rules, in their fixed order; pure, so fences, leases and sessions judge claims alike. */
final class TakeoverRules {
    private TakeoverRules() {
    }

    /**
     * Judges a request by {@code owner} for {@code epoch} with {@code token} against the stored fence.
     *
     * @return the refusal, or empty when the claim may go to the store
     */
    static Optional<OwnershipError> judge(Optional<Fence> current, FenceTokens tokens, String name, String owner,
                                          long epoch, String token) {
        if (current.isPresent()) {
            Fence f = current.get();
            if (epoch < f.epoch()) {
                return Optional.of(new OwnershipError.StaleOwner(f.epoch(), epoch));
            }
            if (epoch == f.epoch() && !owner.equals(f.owner())) {
                return Optional.of(new OwnershipError.SplitBrain(f.owner(), owner, epoch));
            }
        }
        if (!tokens.verify(name, owner, epoch, token)) {
            return Optional.of(new OwnershipError.InvalidToken(owner, epoch));
        }
        return Optional.empty();
    }

    /**
     * The highest epoch a claim may take. {@link Long#MAX_VALUE} itself is refused so that every "current epoch
     * plus one" in the library stays exact; a fence at this epoch can no longer be taken over, and says so.
     */
    static final long MAX_EPOCH = Long.MAX_VALUE - 1;

    /** Refuses a requested epoch above {@link #MAX_EPOCH}. */
    static void requireClaimable(String name, long epoch) {
        if (epoch > MAX_EPOCH) {
            throw new IllegalArgumentException("requested epoch of fence '" + name + "' must be at most "
                    + MAX_EPOCH + ", so that it can still be taken over; was " + epoch);
        }
    }

    /**
     * The epoch after {@code current} (0: no fence yet).
     *
     * @throws IllegalStateException if {@code current} is already the highest epoch
     */
    static long next(String name, long current) {
        if (current >= MAX_EPOCH) {
            throw new IllegalStateException("fence '" + name + "' is at epoch " + current
                    + ", the highest there is (" + MAX_EPOCH + "); it cannot be taken over");
        }
        return current + 1;
    }

    /** Whether the request re-claims exactly what the stored fence already records. */
    static boolean isReclaim(Optional<Fence> current, String owner, long epoch) {
        return current.isPresent() && current.get().epoch() == epoch && current.get().owner().equals(owner);
    }
}
