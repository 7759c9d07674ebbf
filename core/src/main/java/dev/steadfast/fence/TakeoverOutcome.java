package dev.steadfast.fence;

import java.util.Objects;

/** What became of one contender of a {@link TakeoverQueue}. */
public sealed interface TakeoverOutcome {

    /** {@return the contender's owner name} */
    String owner();

    /** {@return how many tries it took, {@code >= 1}} */
    int attempts();

    /**
     * The contender got the lease.
     *
     * @param owner    the contender
     * @param lease    the lease it holds
     * @param attempts how many tries it took, {@code >= 1}
     */
    record Served(String owner, Lease lease, int attempts) implements TakeoverOutcome {
        /**
         * Rejects nulls.
         *
         * @param owner    the contender
         * @param lease    the lease it holds
         * @param attempts how many tries it took, {@code >= 1}
         */
        public Served {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(lease, "lease");
        }
    }

    /**
     * The contender used up its tries.
     *
     * @param owner     the contender
     * @param attempts  how many tries it made, {@code >= 1}
     * @param lastError why the last one was refused
     */
    record GaveUp(String owner, int attempts, OwnershipError lastError) implements TakeoverOutcome {
        /**
         * Rejects nulls.
         *
         * @param owner     the contender
         * @param attempts  how many tries it made, {@code >= 1}
         * @param lastError why the last one was refused
         */
        public GaveUp {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(lastError, "lastError");
        }
    }
}
