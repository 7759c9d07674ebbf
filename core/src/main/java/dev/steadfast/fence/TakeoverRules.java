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

    /** Whether the request re-claims exactly what the stored fence already records. */
    static boolean isReclaim(Optional<Fence> current, String owner, long epoch) {
        return current.isPresent() && current.get().epoch() == epoch && current.get().owner().equals(owner);
    }
}
