package dev.steadfast.internal;

import dev.steadfast.events.SteadfastEvent;
import dev.steadfast.events.SteadfastListener;
import dev.steadfast.events.TakeoverResult;
import dev.steadfast.events.WriteOutcome;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StoreEvent;
import dev.steadfast.spi.StoreGauge;
import dev.steadfast.spi.StoreMonitor;
import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Where the core reports what it does: to the registered {@link SteadfastListener} (if any), to JFR (when a
 * recording has the event enabled) and to {@link System.Logger}. Events are only built when a listener is there.
 * Log lines carry names, owners, epochs and counts, never payloads, tokens or keys. Thread-safe.
 */
public final class Observer {
    /** Reports only to JFR and the log; used for stores not opened through {@code Steadfast}. */
    public static final Observer NONE = new Observer(null);
    private static final System.Logger LOG = System.getLogger("dev.steadfast");

    private final SteadfastListener listener;

    /** An observer telling {@code listener}, which may be null for none. */
    public Observer(SteadfastListener listener) {
        this.listener = listener;
    }

    /** The observer a domain service over {@code store} reports to: the group-committing store's, else none. */
    public static Observer of(Store store) {
        return store instanceof GroupCommitStore g ? g.observer() : NONE;
    }

    /**
     * Asks {@code store}'s backend to report to this observer's listener and tells the listener the store is open,
     * with its live readings. Without a listener the backend is not even asked. Call once, before sharing it.
     */
    public void attach(GroupCommitStore store) {
        if (listener == null) {
            return;
        }
        Map<StoreGauge, LongSupplier> gauges = new EnumMap<>(StoreGauge.class);
        try {
            store.monitor(monitorFor(gauges));
        } catch (RuntimeException e) {
            // Metrics must never keep a store from opening: go on without what the backend would report.
            LOG.log(Level.WARNING, "store " + store.descriptor().scheme() + " failed to attach its monitor; its "
                    + "backend meters stay empty", e);
            gauges.clear();
        }
        StoreDescriptor d = store.descriptor();
        tell(new SteadfastEvent.StoreOpened(d.scheme(), d.location(), d.formatVersion(), store::queuedBatches,
                gauges));
    }

    private StoreMonitor monitorFor(Map<StoreGauge, LongSupplier> gauges) {
        return new StoreMonitor() {
            @Override
            public void onEvent(StoreEvent event) {
                tell(new SteadfastEvent.BackendReported(event));
            }

            @Override
            public void gauge(StoreGauge gauge, LongSupplier reading) {
                gauges.put(gauge, reading);
            }
        };
    }

    /** Tells the listener the store {@code d} describes was closed. */
    public void detach(StoreDescriptor d) {
        if (listener != null) {
            tell(new SteadfastEvent.StoreClosed(d.scheme(), d.location()));
        }
    }

    void groupCommitted(int batches, long nanos, boolean failed) {
        JfrEvents.groupCommit(batches, nanos, failed);
        if (listener != null) {
            tell(new SteadfastEvent.GroupCommitted(batches, nanos, failed));
        }
    }

    void batchWritten(WriteOutcome outcome) {
        if (listener != null) {
            tell(new SteadfastEvent.BatchWritten(outcome));
        }
    }

    void fencedOut(String fence, long expectedEpoch, long foundEpoch, String foundOwner) {
        LOG.log(Level.INFO, () -> "write fenced out: fence '" + fence + "' expected epoch " + expectedEpoch
                + ", found epoch " + foundEpoch + " held by '" + foundOwner + "'");
    }

    /**
     * A claim of {@code fence} by {@code owner} at {@code epoch} was refused with {@code result}: logged at INFO, a
     * split brain or forged token at WARNING, and the refusals of plain contention (a lease another owner still
     * holds, a race lost to another claim) at DEBUG: a contender polling a held lease would otherwise write a line
     * per poll.
     *
     * @throws IllegalArgumentException if {@code result} is {@link TakeoverResult#GRANTED}; grants go to
     *                                  {@link #granted}
     */
    public void refused(String fence, String owner, long epoch, TakeoverResult result) {
        if (result == TakeoverResult.GRANTED) {
            throw new IllegalArgumentException("a granted claim of fence '" + fence + "' is reported by granted()");
        }
        JfrEvents.fenceChange(fence, owner, epoch, result.name());
        Level level = switch (result) {
            case SPLIT_BRAIN, INVALID_TOKEN -> Level.WARNING;
            case LEASE_HELD, LOST_RACE -> Level.DEBUG;
            default -> Level.INFO;
        };
        LOG.log(level, () -> "takeover refused (" + result.name().toLowerCase(java.util.Locale.ROOT) + "): fence '"
                + fence + "' owner '" + owner + "' epoch " + epoch);
        if (listener != null) {
            tell(new SteadfastEvent.TakeoverJudged(fence, owner, epoch, result));
        }
    }

    /**
     * {@code owner} was granted {@code fence} at {@code epoch}. A takeover from another owner ({@code takenFrom}
     * not empty: that owner's fence, or its lease that ran out) is logged at INFO; a routine grant (a fence never
     * claimed or released, or the same owner again) only at DEBUG, because a lease cycled in a loop would otherwise
     * write a line per cycle.
     *
     * @param takenFrom the owner the fence was taken from, or empty for a routine grant
     */
    public void granted(String fence, String owner, long epoch, String takenFrom) {
        JfrEvents.fenceChange(fence, owner, epoch, TakeoverResult.GRANTED.name());
        if (takenFrom.isEmpty()) {
            LOG.log(Level.DEBUG, () -> "claim granted: fence '" + fence + "' owner '" + owner + "' epoch " + epoch);
        } else {
            LOG.log(Level.INFO, () -> "takeover granted: fence '" + fence + "' owner '" + owner + "' epoch " + epoch
                    + ", taken from '" + takenFrom + "'");
        }
        if (listener != null) {
            tell(new SteadfastEvent.TakeoverJudged(fence, owner, epoch, TakeoverResult.GRANTED));
        }
    }

    /** {@code owner} was granted {@code fence} at {@code epoch}, {@code millisExpired} after the old lease ended. */
    public void leaseGrantedAfterExpiry(String fence, String owner, long epoch, long millisExpired) {
        if (listener != null) {
            tell(new SteadfastEvent.LeaseGrantedAfterExpiry(fence, owner, epoch, millisExpired));
        }
    }

    /** {@code owner} was granted {@code fence} at {@code epoch}, {@code millisReleased} after this service freed it. */
    public void leaseGrantedAfterRelease(String fence, String owner, long epoch, long millisReleased) {
        if (listener != null) {
            tell(new SteadfastEvent.LeaseGrantedAfterRelease(fence, owner, epoch, millisReleased));
        }
    }

    /** A renewal of {@code owner}'s lease on {@code fence} at {@code epoch} was answered. */
    public void leaseRenewed(String fence, String owner, long epoch, boolean renewed, long nanos) {
        if (!renewed) {
            LOG.log(Level.INFO, () -> "lease renewal refused: fence '" + fence + "' owner '" + owner + "' epoch "
                    + epoch);
        }
        if (listener != null) {
            tell(new SteadfastEvent.LeaseRenewed(fence, owner, epoch, renewed, nanos));
        }
    }

    /** Session {@code session} was rebuilt; see {@link SteadfastEvent.SessionRecovered}. */
    public void sessionRecovered(String session, long snapshotSequence, long entriesRead, long eventsReplayed,
                                 long estimatedLoss, long nanos) {
        JfrEvents.recovery(session, snapshotSequence, entriesRead, eventsReplayed, nanos);
        LOG.log(Level.INFO, () -> "session '" + session + "' recovered: " + (snapshotSequence > 0
                ? "snapshot at sequence " + snapshotSequence : "no snapshot") + ", " + entriesRead
                + " journal entries read, " + eventsReplayed + " events replayed in " + nanos / 1_000_000 + " ms");
        if (listener != null) {
            tell(new SteadfastEvent.SessionRecovered(session, snapshotSequence, entriesRead, eventsReplayed,
                    estimatedLoss, nanos));
        }
    }

    private void tell(SteadfastEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            // A listener must never fail the write it is told about.
            LOG.log(Level.WARNING, "listener " + listener.getClass().getName() + " failed on "
                    + event.getClass().getSimpleName() + "; ignored", e);
        }
    }
}
