package dev.steadfast.fence;

import dev.steadfast.events.TakeoverResult;
import dev.steadfast.internal.Observer;

/** Tells an {@link Observer} how a claim was judged, in the words of {@link TakeoverResult}. */
final class ClaimReports {
    private ClaimReports() {
    }

    /** Reports {@code claim} of {@code fence} by {@code owner} at {@code epoch} and returns it unchanged. */
    static <T> Claim<T> takeover(Observer observer, String fence, String owner, long epoch, Claim<T> claim) {
        observer.takeover(fence, owner, epoch, resultOf(claim));
        return claim;
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
