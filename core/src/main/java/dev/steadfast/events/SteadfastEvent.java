package dev.steadfast.events;

import dev.steadfast.spi.StoreEvent;
import dev.steadfast.spi.StoreGauge;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Something an operator may want to count or time. Events carry names, owners, epochs, counts and durations, never
 * payload bytes, tokens or keys, so a listener may log or export them freely.
 */
public sealed interface SteadfastEvent {

    /**
     * A store was opened and is about to be used; told once, before any other event of it. The readings stay live
     * until {@link StoreClosed}: a metrics binding turns them into gauges.
     *
     * @param scheme        the store's scheme
     * @param location      its printable location (never holds a secret)
     * @param formatVersion its on-disk format version, 0 if it keeps none
     * @param queuedBatches batches waiting for the group committer right now
     * @param gauges        the levels the backend offers (for example its write-ahead log's size), possibly none
     */
    record StoreOpened(String scheme, String location, int formatVersion, IntSupplier queuedBatches,
                       Map<StoreGauge, LongSupplier> gauges) implements SteadfastEvent {
        /**
         * Rejects nulls; keeps an unmodifiable copy of {@code gauges}.
         *
         * @param scheme        the store's scheme
         * @param location      its printable location (never holds a secret)
         * @param formatVersion its on-disk format version, 0 if it keeps none
         * @param queuedBatches batches waiting for the group committer right now
         * @param gauges        the levels the backend offers (for example its write-ahead log's size), possibly none
         */
        public StoreOpened {
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(queuedBatches, "queuedBatches");
            gauges = Map.copyOf(gauges);
        }
    }

    /**
     * A store told of by {@link StoreOpened} was closed; its readings mean nothing from now on.
     *
     * @param scheme   the store's scheme
     * @param location its printable location
     */
    record StoreClosed(String scheme, String location) implements SteadfastEvent {
        /**
         * Rejects nulls.
         *
         * @param scheme   the store's scheme
         * @param location its printable location
         */
        public StoreClosed {
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(location, "location");
        }
    }

    /**
     * The backend reported something of its own mechanics (a lock wait, a reconnect, a file roll, a compaction,
     * bytes written).
     *
     * @param event what it reported
     */
    record BackendReported(StoreEvent event) implements SteadfastEvent {
        /**
         * Rejects a null event.
         *
         * @param event what it reported
         */
        public BackendReported {
            Objects.requireNonNull(event, "event");
        }
    }

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
        /**
         * Rejects a null outcome.
         *
         * @param outcome its outcome
         */
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
        /**
         * Rejects nulls.
         *
         * @param fence  the fence's name
         * @param owner  who asked
         * @param epoch  the epoch asked for
         * @param result granted, or why not
         */
        public TakeoverJudged {
            Objects.requireNonNull(fence, "fence");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * A lease that had run out (not one released) was granted to the next holder.
     *
     * @param fence          the lease's fence
     * @param owner          the new holder
     * @param epoch          the epoch granted
     * @param millisExpired  how long the old lease had been over when the grant was judged, on the granting
     *                       service's clock
     */
    record LeaseGrantedAfterExpiry(String fence, String owner, long epoch, long millisExpired)
            implements SteadfastEvent {
        /**
         * Rejects nulls.
         *
         * @param fence         the lease's fence
         * @param owner         the new holder
         * @param epoch         the epoch granted
         * @param millisExpired how long the old lease had been over when the grant was judged, on the granting
         *                      service's clock
         */
        public LeaseGrantedAfterExpiry {
            Objects.requireNonNull(fence, "fence");
            Objects.requireNonNull(owner, "owner");
        }
    }

    /**
     * A lease that its holder released through this service was granted to the next holder. A release is not
     * stored with its time, so a grant after a release made by another process is not reported.
     *
     * @param fence           the lease's fence
     * @param owner           the new holder
     * @param epoch           the epoch granted
     * @param millisReleased  how long the fence had stood released when the grant was judged, on this service's
     *                        clock
     */
    record LeaseGrantedAfterRelease(String fence, String owner, long epoch, long millisReleased)
            implements SteadfastEvent {
        /**
         * Rejects nulls.
         *
         * @param fence          the lease's fence
         * @param owner          the new holder
         * @param epoch          the epoch granted
         * @param millisReleased how long the fence had stood released, on this service's clock
         */
        public LeaseGrantedAfterRelease {
            Objects.requireNonNull(fence, "fence");
            Objects.requireNonNull(owner, "owner");
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
        /**
         * Rejects nulls.
         *
         * @param fence   the lease's fence
         * @param owner   its holder
         * @param epoch   its epoch
         * @param renewed whether it was extended
         * @param nanos   time the renewal took
         */
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
        /**
         * Rejects a null id.
         *
         * @param session          the session's id
         * @param snapshotSequence the journal sequence the snapshot covered, 0 without one
         * @param entriesRead      journal entries read after the snapshot
         * @param eventsReplayed   events among them folded by the reducer
         * @param estimatedLoss    acknowledged events a failover now would lose under the session's profile and
         *                         policy
         * @param nanos            time the rebuild took on the session's clock
         */
        public SessionRecovered {
            Objects.requireNonNull(session, "session");
        }
    }
}
