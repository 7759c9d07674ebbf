package dev.steadfast.session;

import dev.steadfast.fence.Fences;
import dev.steadfast.fence.OwnershipFence;
import dev.steadfast.internal.Observer;
import dev.steadfast.spi.Conflict;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One owner's handle on a durable, event-sourced session: state {@code S} built by folding events {@code E}.
 *
 * <p><b>Writes.</b> Each {@link #append} is one atomic batch: the guard "fence at my epoch", the journal append at
 * the expected head (journaled profiles) and, when a checkpoint falls due, the snapshot (and the truncation its
 * {@link RetentionPolicy} asks for, never past the oldest kept snapshot). Lifecycle markers ({@link #crash}, {@link #restart},
 * {@link #reconnect}) are written the same way, beside the events. Once another owner holds a higher epoch, every
 * write of this handle is refused by the store ({@link AppendResult.Refused} with a
 * {@link dev.steadfast.spi.FencedOut}) and changes nothing, in the store or here.
 *
 * <p><b>Recovery</b> reads the snapshot and the journal after it: at most {@code checkpointEvery} entries for the
 * snapshot profiles, whatever the history's length ({@link #lastRecovery()}).
 *
 * <p>Obtain one from {@link DurableSessions}. Thread-safe (methods are serialised); not meant to be shared
 * between owners: each owner opens its own.
 *
 * @param <S> the state type
 * @param <E> the event type
 */
public final class DurableSession<S, E> {
    private final SessionContext<S, E> ctx;
    private final OwnershipFence fence;
    private S state;
    private Lifecycle lifecycle;
    private String route;
    private long head;
    private long covered;
    private long eventsSinceSnapshot;
    private long foldedEvents;
    private long totalEvents;
    private boolean liveInMemory;
    private Long exposureAtFailure;
    private RecoveryStats lastRecovery;

    DurableSession(SessionContext<S, E> ctx, OwnershipFence fence, Recovered<S> recovered) {
        this.ctx = ctx;
        this.fence = fence;
        adopt(recovered);
    }

    /** {@return the session's id} */
    public String id() {
        return ctx.id();
    }

    /** {@return the ownership this handle writes under; every write is guarded by it} */
    public OwnershipFence fence() {
        return fence;
    }

    /** {@return the current state: every acknowledged event folded in, as this handle knows it} */
    public synchronized S state() {
        return state;
    }

    /** {@return where the session is in its life} */
    public synchronized Lifecycle lifecycle() {
        return lifecycle;
    }

    /** {@return the route the session was last opened or reconnected on} */
    public synchronized String route() {
        return route;
    }

    /** {@return the events this session has taken, over its whole history (remounts included)} */
    public synchronized long eventCount() {
        return totalEvents;
    }

    /** {@return the journal sequence this handle last wrote or read} */
    public synchronized long journalHead() {
        return head;
    }

    /** {@return what the last rehydration read: snapshot, events replayed, what could not be used} */
    public synchronized RecoveryStats lastRecovery() {
        return lastRecovery;
    }

    /**
     * Folds {@code event} into the state and persists it in one guarded batch.
     *
     * @param event the event; the state changes only once the store said committed
     * @return acknowledged, or refused by the store with nothing changed
     * @throws IllegalStateException if the session is not {@link Lifecycle#LIVE}
     */
    public synchronized AppendResult append(E event) {
        return appendAll(List.of(Objects.requireNonNull(event, "event")));
    }

    /**
     * Folds {@code events} in order and persists them in one guarded batch (all or none); a checkpoint that falls
     * due within the batch is taken at its end.
     *
     * @param events the events, in order; an empty list writes nothing
     * @return acknowledged, or refused by the store with nothing changed
     * @throws IllegalStateException if the session is not {@link Lifecycle#LIVE}
     */
    public synchronized AppendResult appendAll(List<E> events) {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            throw new IllegalArgumentException("appendAll of session '" + id() + "' needs at least one event");
        }
        requireLive();
        S next = state;
        List<byte[]> payloads = new ArrayList<>(events.size());
        for (E event : events) {
            next = ctx.type().reducer().apply(next, Objects.requireNonNull(event, "event"));
            if (ctx.profile().journaled()) {
                payloads.add(EntryCodec.event(ctx.type().eventCodec().encode(event)));
            }
        }
        return commit(current(), payloads, events.size(), next, foldedEvents + events.size(), lifecycle, route, false);
    }

    /**
     * Records that this owner's process lost its memory: the in-memory state is replaced by what the store holds
     * (events since the last snapshot are lost under {@link PersistenceProfile.SnapshotOnly}, and counted), the
     * session becomes {@link Lifecycle#CRASHED}, and a crash marker is journaled.
     *
     * @param reason why, journaled with the marker
     * @return whether the marker was written; refused if another owner has taken the session over
     */
    public synchronized AppendResult crash(String reason) {
        Objects.requireNonNull(reason, "reason");
        long exposure = exposure();
        Recovered<S> rebuilt = Rehydration.load(ctx, route);
        AppendResult result = commit(rebuilt, marker(new SessionEntry.Crashed<>(0, reason)), 0, rebuilt.state(),
                rebuilt.foldedEvents(), Lifecycle.CRASHED, rebuilt.route(), false);
        if (result.acknowledged()) {
            exposureAtFailure = exposure;
            liveInMemory = false;
        }
        return result;
    }

    /**
     * Records a restart; the session is {@link Lifecycle#DISCONNECTED} until it reconnects.
     *
     * @param nowMs when the process restarted, epoch millis
     * @return whether the restart was journaled; refused if another owner has taken the session over
     */
    public synchronized AppendResult restart(long nowMs) {
        return commit(current(), marker(new SessionEntry.Restarted<>(0, nowMs)), 0, state, foldedEvents,
                Lifecycle.DISCONNECTED, route, false);
    }

    /**
     * Reconnects on {@code route} with {@code policy} and records it; the session is {@link Lifecycle#LIVE} again.
     * {@link ReconnectPolicy#RESUME} keeps the in-memory state if this process still has it (not after a crash),
     * {@link ReconnectPolicy#REHYDRATE} rebuilds it from the store, {@link ReconnectPolicy#REMOUNT} starts from the
     * initial state (and snapshots it, so recovery starts there too).
     *
     * @param policy how the state is restored
     * @param route  where the session is served from now
     * @param nowMs  when it reconnected, epoch millis
     * @return whether the reconnect was journaled; refused, with nothing changed, if another owner has taken over
     */
    public synchronized AppendResult reconnect(ReconnectPolicy policy, String route, long nowMs) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(route, "route");
        boolean rebuild = policy == ReconnectPolicy.REHYDRATE || (policy == ReconnectPolicy.RESUME && !liveInMemory);
        Recovered<S> base = rebuild ? Rehydration.load(ctx, this.route) : current();
        boolean remount = policy == ReconnectPolicy.REMOUNT;
        S next = remount ? ctx.type().initialState() : base.state();
        AppendResult result = commit(base, marker(new SessionEntry.Reconnected<>(0, policy, route, nowMs)), 0, next,
                remount ? 0 : base.foldedEvents(), Lifecycle.LIVE, route, remount);
        if (result.acknowledged()) {
            liveInMemory = true;
        }
        return result;
    }

    /**
     * How a failover at {@code failoverAtMs} followed by a reconnect at {@code reconnectAtMs} meets the session's
     * SLO. Data loss: for {@link ReconnectPolicy#REMOUNT} all events in the state; for
     * {@link PersistenceProfile.SnapshotOnly} the events since the last snapshot; 0 for journaled profiles. After
     * a {@link #crash} the figure is the one at the crash; a handle that took over (or rehydrated) a
     * {@code SnapshotOnly} session reports the acknowledged events its recovery found missing.
     *
     * @param failoverAtMs  when the failover began, epoch millis
     * @param reconnectAtMs when the session reconnected, epoch millis
     * @return the time to reconnect and the events lost, each judged against the options' SLO
     * @throws IllegalArgumentException if the reconnect is before the failover
     */
    public synchronized ContinuityReport continuityReport(long failoverAtMs, long reconnectAtMs) {
        if (reconnectAtMs < failoverAtMs) {
            throw new IllegalArgumentException("reconnect at " + reconnectAtMs + " ms is before the failover at "
                    + failoverAtMs + " ms");
        }
        long latency = reconnectAtMs - failoverAtMs;
        if (latency < 0) {
            latency = Long.MAX_VALUE; // the true difference exceeds a long; it certainly misses any SLO
        }
        long loss = exposureAtFailure != null ? exposureAtFailure : exposure();
        SessionOptions o = ctx.options();
        return new ContinuityReport(latency, loss, latency <= o.continuitySloMs() && loss <= o.maxDataLossEvents());
    }

    /**
     * {@return a hex SHA-256 of the canonical encoding of this session's fence, snapshot and journal in the store}
     * Equal signatures mean equal stored sessions, whatever the backend.
     */
    public String signature() {
        return SessionSignature.of(ctx);
    }

    /** {@return the session's journal in the store, events and markers in order, read lazily; close the stream} */
    public Stream<SessionEntry<E>> readJournal() {
        Stream<Entry> entries = ctx.store().readJournal(ctx.stream(), 1);
        return entries.map(e -> EntryCodec.decode(e.sequence(), e.payload(), ctx.type().eventCodec()));
    }

    /**
     * Rebuilds the state from the store, as a new process would.
     *
     * @return what was read: the snapshot used, the events replayed and what could not be used
     */
    public synchronized RecoveryStats rehydrate() {
        adopt(Rehydration.load(ctx, route));
        return lastRecovery;
    }

    synchronized AppendResult recordOpened(long nowMs) {
        return commit(current(), marker(new SessionEntry.Opened<>(0, fence.owner(), fence.epoch(), route, nowMs)), 0,
                state, foldedEvents, Lifecycle.LIVE, route, false);
    }

    private List<byte[]> marker(SessionEntry<E> marker) {
        return List.of(EntryCodec.encodeMarker(marker));
    }

    /** This handle's bookkeeping as a value, the base of a write that does not rebuild from the store first. */
    private Recovered<S> current() {
        return new Recovered<>(state, lifecycle, route, head, covered, eventsSinceSnapshot, foldedEvents, totalEvents,
                lastRecovery, 0);
    }

    /**
     * Writes {@code payloads} after {@code base} (this handle's bookkeeping, or a rebuild from the store) in one
     * guarded batch, and adopts the result only once the store acknowledged it: a refused write leaves every field
     * of this handle as it was.
     */
    private AppendResult commit(Recovered<S> base, List<byte[]> payloads, int newEvents, S next, long folded,
                                Lifecycle nextLifecycle, String nextRoute, boolean forceSnapshot) {
        PersistenceProfile profile = ctx.profile();
        WriteBatch.Builder batch = WriteBatch.builder().guard(fence.guard());
        long newHead = base.head() + payloads.size();
        if (!payloads.isEmpty()) {
            batch.append(ctx.stream(), base.head(), payloads);
        }
        long since = base.eventsSinceSnapshot() + newEvents;
        int every = profile.checkpointEvery();
        boolean due = ctx.snapshots() && (forceSnapshot || (every > 0 && (newHead - base.covered() >= every
                || (!profile.journaled() && since >= every))));
        if (due) {
            SnapshotEnvelope env = new SnapshotEnvelope(fence.epoch(), ctx.clock().millis(), nextLifecycle, nextRoute,
                    folded, base.totalEvents() + newEvents, ctx.type().stateCodec().encode(next));
            byte[] encoded = env.encode();
            batch.putSnapshot(ctx.snapshotKey(), newHead, encoded);
            List<Long> kept = SnapshotHistory.keep(ctx, batch, newHead, encoded);
            JournalRetention.apply(ctx, batch, base.head(), newHead, kept, env.checkpointMs());
        }
        if (!profile.journaled() && newEvents > 0) {
            // Counted in the same batch as the guard, so the count is exactly the acknowledged events.
            batch.putRecord(ctx.snapshotKey(), SessionContext.ACKNOWLEDGED_EVENTS,
                    ByteBuffer.allocate(Long.BYTES).putLong(base.totalEvents() + newEvents).array());
        }
        WriteResult result = ctx.store().apply(batch.build());
        if (result instanceof Conflict conflict) {
            return new AppendResult.Refused(conflict, explain(conflict));
        }
        state = next;
        foldedEvents = folded;
        totalEvents = base.totalEvents() + newEvents;
        lifecycle = nextLifecycle;
        route = nextRoute;
        head = newHead;
        covered = due ? newHead : base.covered();
        eventsSinceSnapshot = due ? 0 : since;
        lastRecovery = base.stats();
        return new AppendResult.Acknowledged(payloads.isEmpty() ? 0 : newHead, totalEvents);
    }

    private String explain(Conflict conflict) {
        if (conflict instanceof FencedOut f) {
            return "session '" + id() + "' refused the write: " + Fences.superseded(fence, f).message();
        }
        return "session '" + id() + "' refused the write: " + conflict.message();
    }

    /** Reports the last rebuild of this session to the observer of its store. */
    synchronized void reportRecovery() {
        RecoveryStats r = lastRecovery;
        Observer.of(ctx.store()).sessionRecovered(ctx.id(), r.snapshotSequence(), r.entriesRead(),
                r.eventsReplayed(), exposure(), r.nanos());
    }

    private long exposure() {
        if (ctx.options().reconnectPolicy() == ReconnectPolicy.REMOUNT) {
            return foldedEvents;
        }
        return ctx.profile().journaled() ? 0 : eventsSinceSnapshot;
    }

    private void requireLive() {
        if (lifecycle != Lifecycle.LIVE) {
            throw new IllegalStateException("session '" + id() + "' is " + lifecycle.label()
                    + "; restart and reconnect it before appending");
        }
    }

    private void adopt(Recovered<S> r) {
        state = r.state();
        lifecycle = r.lifecycle();
        route = r.route();
        head = r.head();
        covered = r.covered();
        eventsSinceSnapshot = r.eventsSinceSnapshot();
        foldedEvents = r.foldedEvents();
        totalEvents = r.totalEvents();
        lastRecovery = r.stats();
        liveInMemory = true;
        if (r.lostEvents() > 0) {
            exposureAtFailure = r.lostEvents(); // the crashed owner's loss, reported by the owner that recovered
        }
    }

    @Override
    public String toString() {
        return "DurableSession[" + id() + ", " + fence + "]";
    }
}
