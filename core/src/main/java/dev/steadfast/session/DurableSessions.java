package dev.steadfast.session;

import dev.steadfast.fence.Claim;
import dev.steadfast.fence.FenceTokens;
import dev.steadfast.fence.Fences;
import dev.steadfast.fence.OwnershipError;
import dev.steadfast.fence.OwnershipFence;
import dev.steadfast.internal.DefaultFenceTokens;
import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Names;
import dev.steadfast.spi.Store;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens sessions of one kind over a store: starts them, takes them over, and opens them under a fence granted
 * elsewhere (a {@link dev.steadfast.fence.Lease}, say).
 *
 * <p>A session {@code id} lives under the fence, journal and snapshot named {@code session/<id>}. Starting claims
 * epoch 1 and taking over claims a higher epoch, both under the rules of {@link Fences}; a granted claim is
 * followed by a rehydration and an {@link SessionEntry.Opened} marker written under the new epoch. The same owner
 * re-claiming its own epoch (a process that lost its handle) rehydrates without writing; an owner whose process
 * restarted after the session moved past epoch 1 gets it back with {@link #reclaim}.
 *
 * <p>Thread-safe.
 *
 * @param <S> the state type
 * @param <E> the event type
 */
public final class DurableSessions<S, E> {
    private static final String PREFIX = "session/";

    private final Store store;
    private final Clock clock;
    private final SessionType<S, E> type;
    private final SessionOptions options;
    private final Fences fences;

    /**
     * Sessions of {@code type} with {@code options} over {@code store}, with unkeyed fence tokens.
     * They are not secret, so a warning says so once per JVM; prefer the constructor taking
     * {@link FenceTokens#hmac(byte[]) keyed} tokens.
     *
     * @param store   where sessions, their fences, journals and snapshots live
     * @param clock   timestamps snapshots and entries, for retention and continuity reports
     * @param type    the state, the events, how one folds into the other and how both are encoded
     * @param options persistence profile, snapshots kept, retention and the continuity SLO
     */
    public DurableSessions(Store store, Clock clock, SessionType<S, E> type, SessionOptions options) {
        this(store, clock, type, options,
                DefaultFenceTokens.unkeyed("new DurableSessions(store, clock, type, options)"));
    }

    /**
     * Sessions of {@code type} with {@code options} over {@code store}, with the given fence tokens.
     *
     * @param store   where sessions, their fences, journals and snapshots live
     * @param clock   timestamps snapshots and entries, for retention and continuity reports
     * @param type    the state, the events, how one folds into the other and how both are encoded
     * @param options persistence profile, snapshots kept, retention and the continuity SLO
     * @param tokens  the scheme every owner over this store uses, usually {@link FenceTokens#hmac(byte[])}
     */
    public DurableSessions(Store store, Clock clock, SessionType<S, E> type, SessionOptions options,
                           FenceTokens tokens) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.type = Objects.requireNonNull(type, "type");
        this.options = Objects.requireNonNull(options, "options");
        this.fences = new Fences(store, Objects.requireNonNull(tokens, "tokens"));
    }

    /**
     * The name session {@code id}'s fence, journal and snapshots are stored under, for tools that read the store.
     *
     * @param id the session's id
     * @return {@code session/<id>}
     */
    public static String fenceName(String id) {
        Names.require("session id", id);
        return Names.require("session fence name", PREFIX + id);
    }

    /**
     * The kept snapshots of session {@code id} in {@code store}, newest first, each with the time it was taken (-1
     * for one that cannot be decoded): what a {@link RetentionPolicy} judges the session's journal by.
     *
     * @param store the store holding the session
     * @param id    the session's id
     * @return the marks, newest first; empty if the session has no snapshot
     */
    public static List<SnapshotMark> snapshotMarks(Store store, String id) {
        Objects.requireNonNull(store, "store");
        return SnapshotHistory.marks(store, fenceName(id), true);
    }

    /**
     * The token a claim of a session must present; see {@link FenceTokens#tokenFor}.
     *
     * @param id    the session's id
     * @param owner the claiming owner
     * @param epoch the epoch claimed
     * @return the token {@code owner} must present to claim session {@code id} at {@code epoch}
     */
    public String tokenFor(String id, String owner, long epoch) {
        return fences.tokenFor(fenceName(id), owner, epoch);
    }

    /** {@return the options sessions are opened with} */
    public SessionOptions options() {
        return options;
    }

    /**
     * Starts session {@code id} for {@code owner} on {@code route}: claims epoch 1. A session someone else
     * already holds is refused ({@link OwnershipError.SplitBrain} at epoch 1, {@link OwnershipError.StaleOwner}
     * later); the same owner at epoch 1 gets its session back.
     *
     * @param id    the session's id
     * @param owner the owner starting it
     * @param route where the owner serves the session from, journaled with the start
     * @return the live session, or why the claim was refused
     */
    public Claim<DurableSession<S, E>> start(String id, String owner, String route) {
        Objects.requireNonNull(route, "route");
        return claim(id, owner, 1, tokenFor(id, owner, 1), route);
    }

    /**
     * Asks for session {@code id} at {@code epoch} for {@code owner}, proven by {@code token}; on success the
     * session is rehydrated with every event acknowledged under earlier epochs.
     *
     * @param id    the session's id
     * @param owner the owner taking over
     * @param epoch the epoch asked for, above the stored one
     * @param token the token for {@code (id, owner, epoch)}, see {@link #tokenFor}
     * @return the rehydrated session, or why the claim was refused
     */
    public Claim<DurableSession<S, E>> requestTakeover(String id, String owner, long epoch, String token) {
        return claim(id, owner, epoch, token, "");
    }

    /**
     * Takes session {@code id} over for {@code owner} at the epoch after the current one, minting the token.
     *
     * @param id    the session's id
     * @param owner the owner taking over
     * @return the rehydrated session, or why the claim was refused (a {@link OwnershipError.LostRace} if another
     *         takeover won)
     * @throws IllegalStateException if the session's fence is at the highest epoch a claim may take
     */
    public Claim<DurableSession<S, E>> takeOver(String id, String owner) {
        long next = fences.nextEpoch(fenceName(id));
        return requestTakeover(id, owner, next, tokenFor(id, owner, next));
    }

    /**
     * Gets session {@code id} back for {@code owner} after {@code owner}'s own process restarted and lost its handle:
     * claims the epoch after the current one under the same owner name, so from now on the store refuses every
     * write of the previous process, should it still be running. The restarted owner never takes a session that
     * has failed over: if another owner holds it, the claim is refused ({@link OwnershipError.SplitBrain} naming
     * the holder) and nothing is written; use {@link #takeOver} for that. A session never started is started.
     *
     * @param id    the session's id
     * @param owner the owner whose process restarted, under the same name as before
     * @param route where the owner serves the session from now
     * @return the rehydrated session at a new epoch, or why the claim was refused
     */
    public Claim<DurableSession<S, E>> reclaim(String id, String owner, String route) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(route, "route");
        Optional<OwnershipFence> held = fences.current(fenceName(id));
        if (held.isEmpty()) {
            return start(id, owner, route);
        }
        if (!held.get().owner().equals(owner)) {
            return Claim.rejected(new OwnershipError.SplitBrain(held.get().owner(), owner, held.get().epoch()));
        }
        // The epoch after the one whose owner was just checked, not after a second read: a failover landing in
        // between then refuses the claim (another owner at that epoch, or a lost compare-and-set) instead of
        // handing the session back from the owner it failed over to. At the top epoch nextEpoch says why not.
        long seen = held.get().epoch();
        long next = seen < Long.MAX_VALUE - 1 ? seen + 1 : fences.nextEpoch(fenceName(id));
        return claim(id, owner, next, tokenFor(id, owner, next), route);
    }

    /**
     * Opens session {@code id} under {@code held}, a fence granted elsewhere (for example a lease's); refused with
     * {@link OwnershipError.Superseded} unless it is still the store's fence, and with
     * {@link OwnershipError.InvalidToken} if it names the holder and epoch but not the stored token.
     *
     * @param id   the session's id
     * @param held the ownership granted elsewhere
     * @return the rehydrated session, or why it was refused
     * @throws IllegalArgumentException if {@code held} is not session {@code id}'s fence
     */
    public Claim<DurableSession<S, E>> open(String id, OwnershipFence held) {
        Objects.requireNonNull(held, "held");
        if (!held.name().equals(fenceName(id))) {
            throw new IllegalArgumentException("fence '" + held.name() + "' is not session '" + id + "''s fence '"
                    + fenceName(id) + "'");
        }
        Optional<OwnershipError> stale = fences.check(held);
        if (stale.isPresent()) {
            return Claim.rejected(stale.get());
        }
        return opened(id, held, "", true);
    }

    private Claim<DurableSession<S, E>> claim(String id, String owner, long epoch, String token, String route) {
        String name = fenceName(id);
        boolean reclaim = fences.current(name).filter(f -> f.epoch() == epoch && f.owner().equals(owner)).isPresent();
        Claim<OwnershipFence> grant = fences.requestTakeover(name, owner, epoch, token);
        if (grant instanceof Claim.Rejected<OwnershipFence> r) {
            return Claim.rejected(r.error());
        }
        return opened(id, grant.orElseThrow(), route, !reclaim);
    }

    private Claim<DurableSession<S, E>> opened(String id, OwnershipFence fence, String route, boolean record) {
        SessionContext<S, E> ctx = SessionContext.of(store, clock, type, options, id);
        DurableSession<S, E> session = new DurableSession<>(ctx, fence, Rehydration.load(ctx, route));
        session.reportRecovery();
        if (record) {
            AppendResult opened = session.recordOpened(clock.millis());
            if (opened instanceof AppendResult.Refused) {
                return Claim.rejected(fences.check(fence).orElseThrow(() -> new IllegalStateException(
                        "session '" + id + "' could not record its opening: "
                                + ((AppendResult.Refused) opened).reason())));
            }
        }
        return Claim.granted(session);
    }
}
