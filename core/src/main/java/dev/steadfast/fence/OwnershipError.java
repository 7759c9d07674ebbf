package dev.steadfast.fence;

import java.util.Objects;

/**
 * Why an ownership claim, renewal or fenced write was refused. A closed set with stable {@link #label()}s, for
 * metrics and reports; {@link #message()} says why in words.
 *
 * <p>The first three are the takeover rules, checked in this order: a lower epoch is {@link StaleOwner}, the same
 * epoch held by another owner is {@link SplitBrain}, a token that does not match is {@link InvalidToken}. The
 * others come from the store or the lease: {@link LostRace} (another claim changed the fence between our read and
 * our compare-and-set), {@link Superseded} (a holder's epoch has moved on), {@link LeaseHeld},
 * {@link LeaseExpired} and {@link Queued} (a free lease goes to contenders that queued earlier).
 */
public sealed interface OwnershipError {

    /** {@return a stable, lower-case label, for example {@code stale_owner}; never changes between releases} */
    String label();

    /** {@return one line saying what was refused and why, naming the fence, owners and epochs involved} */
    String message();

    /**
     * The requested epoch is lower than the fence's.
     *
     * @param currentEpoch   the epoch the fence is at
     * @param requestedEpoch the lower epoch the refused claim asked for
     */
    record StaleOwner(long currentEpoch, long requestedEpoch) implements OwnershipError {
        @Override
        public String label() {
            return "stale_owner";
        }

        @Override
        public String message() {
            return "stale owner: requested epoch " + requestedEpoch + " is below the current epoch " + currentEpoch;
        }
    }

    /**
     * Another owner already holds the requested epoch.
     *
     * @param currentOwner   the owner holding {@code epoch}
     * @param requestedOwner the owner whose claim was refused
     * @param epoch          the epoch both asked for
     */
    record SplitBrain(String currentOwner, String requestedOwner, long epoch) implements OwnershipError {
        /**
         * Rejects nulls.
         *
         * @param currentOwner   the owner holding {@code epoch}
         * @param requestedOwner the owner whose claim was refused
         * @param epoch          the epoch both asked for
         */
        public SplitBrain {
            Objects.requireNonNull(currentOwner, "currentOwner");
            Objects.requireNonNull(requestedOwner, "requestedOwner");
        }

        @Override
        public String label() {
            return "split_brain";
        }

        @Override
        public String message() {
            return "split brain refused: epoch " + epoch + " is held by owner '" + currentOwner
                    + "', owner '" + requestedOwner + "' asked for it too";
        }
    }

    /**
     * The token presented is not the one expected for this owner and epoch.
     *
     * @param owner the owner the token was presented for
     * @param epoch the epoch the token was presented for
     */
    record InvalidToken(String owner, long epoch) implements OwnershipError {
        /**
         * Rejects nulls.
         *
         * @param owner the owner the token was presented for
         * @param epoch the epoch the token was presented for
         */
        public InvalidToken {
            Objects.requireNonNull(owner, "owner");
        }

        @Override
        public String label() {
            return "invalid_token";
        }

        @Override
        public String message() {
            return "invalid token for owner '" + owner + "' at epoch " + epoch;
        }
    }

    /**
     * The fence changed between reading it and the store's compare-and-set: someone else claimed first. Not
     * retried on the caller's behalf, because a blind retry at a higher epoch would displace the winner.
     *
     * @param fence         the fence's name
     * @param expectedEpoch the epoch this claim read and expected to replace
     * @param foundEpoch    the epoch the store found instead
     * @param foundOwner    the owner holding {@code foundEpoch}: the winner of the race
     */
    record LostRace(String fence, long expectedEpoch, long foundEpoch, String foundOwner) implements OwnershipError {
        /**
         * Rejects nulls.
         *
         * @param fence         the fence's name
         * @param expectedEpoch the epoch this claim read and expected to replace
         * @param foundEpoch    the epoch the store found instead
         * @param foundOwner    the owner holding {@code foundEpoch}: the winner of the race
         */
        public LostRace {
            Objects.requireNonNull(fence, "fence");
            Objects.requireNonNull(foundOwner, "foundOwner");
        }

        @Override
        public String label() {
            return "lost_race";
        }

        @Override
        public String message() {
            return "fence '" + fence + "' moved from epoch " + expectedEpoch + " to " + foundEpoch
                    + " (owner '" + foundOwner + "') while this claim was in flight";
        }
    }

    /**
     * The holder's epoch is no longer the fence's: another owner took over.
     *
     * @param fence        the fence's name
     * @param owner        the refused holder
     * @param heldEpoch    the epoch the refused holder still believed it held
     * @param currentOwner the owner that took over
     * @param currentEpoch the epoch it took over at, above {@code heldEpoch}
     */
    record Superseded(String fence, String owner, long heldEpoch, String currentOwner, long currentEpoch)
            implements OwnershipError {
        /**
         * Rejects nulls.
         *
         * @param fence        the fence's name
         * @param owner        the refused holder
         * @param heldEpoch    the epoch the refused holder still believed it held
         * @param currentOwner the owner that took over
         * @param currentEpoch the epoch it took over at, above {@code heldEpoch}
         */
        public Superseded {
            Objects.requireNonNull(fence, "fence");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(currentOwner, "currentOwner");
        }

        @Override
        public String label() {
            return "superseded";
        }

        @Override
        public String message() {
            return "owner '" + owner + "' of fence '" + fence + "' at epoch " + heldEpoch
                    + " was superseded by owner '" + currentOwner + "' at epoch " + currentEpoch;
        }
    }

    /**
     * Another owner's lease is still running on this contender's clock.
     *
     * @param fence            the fence's name
     * @param currentOwner     the owner whose lease is running
     * @param epoch            that owner's epoch
     * @param leaseUntilMillis when its lease ends, epoch millis
     * @param nowMillis        this contender's clock when it asked, before {@code leaseUntilMillis}
     */
    record LeaseHeld(String fence, String currentOwner, long epoch, long leaseUntilMillis, long nowMillis)
            implements OwnershipError {
        /**
         * Rejects nulls.
         *
         * @param fence            the fence's name
         * @param currentOwner     the owner whose lease is running
         * @param epoch            that owner's epoch
         * @param leaseUntilMillis when its lease ends, epoch millis
         * @param nowMillis        this contender's clock when it asked, before {@code leaseUntilMillis}
         */
        public LeaseHeld {
            Objects.requireNonNull(fence, "fence");
            Objects.requireNonNull(currentOwner, "currentOwner");
        }

        @Override
        public String label() {
            return "lease_held";
        }

        @Override
        public String message() {
            return "fence '" + fence + "' is leased to owner '" + currentOwner + "' at epoch " + epoch + " until "
                    + leaseUntilMillis + " ms, now is " + nowMillis + " ms";
        }
    }

    /**
     * The holder's own lease ran out (or was released, {@code leaseUntilMillis} 0) before it renewed; it must
     * acquire again (at a new epoch).
     *
     * @param fence            the fence's name
     * @param owner            the holder whose lease ran out
     * @param epoch            the epoch it held
     * @param leaseUntilMillis when the lease ended, epoch millis, or 0 if it was released
     * @param nowMillis        the holder's clock when it tried to renew
     */
    record LeaseExpired(String fence, String owner, long epoch, long leaseUntilMillis, long nowMillis)
            implements OwnershipError {
        /**
         * Rejects nulls.
         *
         * @param fence            the fence's name
         * @param owner            the holder whose lease ran out
         * @param epoch            the epoch it held
         * @param leaseUntilMillis when the lease ended, epoch millis, or 0 if it was released
         * @param nowMillis        the holder's clock when it tried to renew
         */
        public LeaseExpired {
            Objects.requireNonNull(fence, "fence");
            Objects.requireNonNull(owner, "owner");
        }

        @Override
        public String label() {
            return "lease_expired";
        }

        @Override
        public String message() {
            String lease = "lease of owner '" + owner + "' on fence '" + fence + "' at epoch " + epoch;
            if (leaseUntilMillis == 0) {
                return lease + " was released";
            }
            return lease + " ended at " + leaseUntilMillis + " ms, now is " + nowMillis + " ms";
        }
    }

    /**
     * The lease is free, but other contenders queued for it before this one ({@code ahead} of them, the first
     * being {@code nextOwner}): they are served first. This contender now holds a place behind them and gets the
     * lease when its turn comes, by asking again before its place ends.
     *
     * @param fence     the fence's name
     * @param owner     the contender that was queued
     * @param ahead     how many contenders are served before it, {@code >= 1}
     * @param nextOwner the first of those, served next
     */
    record Queued(String fence, String owner, int ahead, String nextOwner) implements OwnershipError {
        /**
         * Rejects nulls and a count below 1.
         *
         * @param fence     the fence's name
         * @param owner     the contender that was queued
         * @param ahead     how many contenders are served before it, {@code >= 1}
         * @param nextOwner the first of those, served next
         */
        public Queued {
            Objects.requireNonNull(fence, "fence");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(nextOwner, "nextOwner");
            if (ahead < 1) {
                throw new IllegalArgumentException("contenders ahead must be >= 1, was " + ahead);
            }
        }

        @Override
        public String label() {
            return "queued";
        }

        @Override
        public String message() {
            return "fence '" + fence + "' is free, but " + ahead + " contender(s) queued before owner '" + owner
                    + "' go first, next '" + nextOwner + "'";
        }
    }
}
