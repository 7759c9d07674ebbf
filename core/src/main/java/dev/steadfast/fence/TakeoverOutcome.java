package dev.steadfast.fence;

import java.util.Objects;

/** What became of one contender of a {@link TakeoverQueue}. */
public sealed interface TakeoverOutcome {

    /** The contender. */
    String owner();

    /** How many tries it took, {@code >= 1}. */
    int attempts();

    /** The contender got the lease. */
    record Served(String owner, Lease lease, int attempts) implements TakeoverOutcome {
        /** Rejects nulls. */
        public Served {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(lease, "lease");
        }
    }

    /** The contender used up its tries; {@code lastError} is why the last one was refused. */
    record GaveUp(String owner, int attempts, OwnershipError lastError) implements TakeoverOutcome {
        /** Rejects nulls. */
        public GaveUp {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(lastError, "lastError");
        }
    }
}
