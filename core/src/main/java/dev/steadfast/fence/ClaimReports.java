package dev.steadfast.fence;

import dev.steadfast.events.TakeoverResult;
import dev.steadfast.internal.Observer;
import dev.steadfast.spi.Fence;
import java.util.Optional;

/** Tells an {@link Observer} how a claim was judged, in the words of {@link TakeoverResult}. */
final class ClaimReports {
    private ClaimReports() {
    }

    /**
     * Reports {@code claim} of {@code fence} by {@code owner} at {@code epoch}, judged against {@code previous} (the
     * stored fence the claim replaces), and returns it unchanged.
     */
    static <T> Claim<T> judged(Observer observer, String fence, String owner, long epoch, Optional<Fence> previous,
                               Claim<T> claim) {
        TakeoverResult result = resultOf(claim);
        if (result == TakeoverResult.GRANTED) {
            observer.granted(fence, owner, epoch, takenFrom(previous, owner));
        } else {
            observer.refused(fence, owner, epoch, result);
        }
        return claim;
    }

    /**
     * The owner a grant to {@code owner} takes the fence from: the previous owner, unless there was none, it is
     * {@code owner} itself, or it released its lease (lease end 0). Empty for such a routine grant.
     */
    static String takenFrom(Optional<Fence> previous, String owner) {
        if (previous.isEmpty() || previous.get().owner().equals(owner) || previous.get().leaseUntilMillis() == 0) {
            return "";
        }
        return previous.get().owner();
    }

    static TakeoverResult resultOf(Claim<?> claim) {
        if (!(claim instanceof Claim.Rejected<?> r)) {
            return TakeoverResult.GRANTED;
        }
        OwnershipError error = r.error();
        if (error instanceof OwnershipError.StaleOwner) {
            return TakeoverResult.STALE_OWNER;
        } else if (error instanceof OwnershipError.SplitBrain) {
            return TakeoverResult.SPLIT_BRAIN;
        } else if (error instanceof OwnershipError.InvalidToken) {
            return TakeoverResult.INVALID_TOKEN;
        } else if (error instanceof OwnershipError.LostRace) {
            return TakeoverResult.LOST_RACE;
        } else if (error instanceof OwnershipError.LeaseHeld) {
            return TakeoverResult.LEASE_HELD;
        }
        return TakeoverResult.OTHER;
    }
}
