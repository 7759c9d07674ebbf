package dev.steadfast.events;

import java.util.Objects;

/**
 * Something an operator may want to count or time. Events carry names, owners, epochs, counts and durations, never
 * payload bytes, tokens or keys, so a listener may log or export them freely.
 */
public sealed interface SteadfastEvent {

    /**
     * One store call of the group committer returned (or threw).
     *
     * @param batches batches the call carried, at least 1
     * @param nanos   time the store call took
     * @param failed  whether the call threw instead of answering
     */
    record GroupCommitted(int batches, long nanos, boolean failed) implements SteadfastEvent {
    }

    /**
     * What became of one batch written through the group-committing store.
     *
     * @param outcome its outcome
     */
    record BatchWritten(WriteOutcome outcome) implements SteadfastEvent {
        /** Rejects a null outcome. */
        public BatchWritten {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * A claim of a fence or lease was judged.
     *
     * @param fence  the fence's name
     * @param owner  who asked
     * @param epoch  the epoch asked for
     * @param result granted, or why not
     */
    record TakeoverJudged(String fence, String owner, long epoch, TakeoverResult result) implements SteadfastEvent {
        /** Rejects nulls. */
        public TakeoverJudged {
            Objects.requireNonNull(fence, "fence");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * A lease renewal was answered.
     *
     * @param fence   the lease's fence
     * @param owner   its holder
     * @param epoch   its epoch
     * @param renewed whether it was extended
     * @param nanos   time the renewal took
     */
    record LeaseRenewed(String fence, String owner, long epoch, boolean renewed, long nanos) implements SteadfastEvent {
        /** Rejects nulls. */
        public LeaseRenewed {
            Objects.requireNonNull(fence, "fence");
            Objects.requireNonNull(owner, "owner");
        }
    }

    /**
     * A durable session was rebuilt from its snapshot and journal.
     *
     * @param session          the session's id
     * @param snapshotSequence the journal sequence the snapshot covered, 0 without one
     * @param entriesRead      journal entries read after the snapshot
     * @param eventsReplayed   events among them folded by the reducer
     * @param estimatedLoss    acknowledged events a failover now would lose under the session's profile and policy
     * @param nanos            time the rebuild took on the session's clock
     */
    record SessionRecovered(String session, long snapshotSequence, long entriesRead, long eventsReplayed,
                            long estimatedLoss, long nanos) implements SteadfastEvent {
        /** Rejects a null id. */
        public SessionRecovered {
            Objects.requireNonNull(session, "session");
        }
    }
}
