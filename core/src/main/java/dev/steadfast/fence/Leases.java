package dev.steadfast.fence;

import dev.steadfast.internal.DefaultFenceTokens;
import dev.steadfast.internal.Observer;
import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.Names;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * TTL leases over store fences, timed by a {@link Clock}, handed out fairly.
 *
 * <p>{@link #acquire} grants a free fence at epoch 1, a fence whose lease has ended (or was released) at the next
 * epoch, and refuses one whose lease still runs on <em>this</em> service's clock with
 * {@link OwnershipError.LeaseHeld}; the holder asking again gets its running lease back. {@link #renew} extends a
 * lease that has not yet ended on the holder's clock ({@code now < until}; at {@code now == until} it has ended,
 * {@link OwnershipError.LeaseExpired}); {@link #release} ends it at once so the next contender need not wait.
 *
 * <p><b>Fairness.</b> A contender refused because the lease runs takes a place in the lease's queue, which is kept
 * in the store (see {@code LeaseQueue}): places have sequences and a lease of their own (as long as the ttl asked
 * for), and a free lease goes to the lowest place still live. Anyone else asking for a free lease while places
 * ahead of it are live is refused with {@link OwnershipError.Queued} and queued behind them; in particular a
 * holder that releases and asks again at once goes to the back. So contenders that keep asking share the lease in
 * turns, and a waiter that stops asking (or dies) is skipped once its place ends. The queue is always on: it costs
 * nothing while nobody waits, because then a contender that knows the fence it last wrote acquires with one batch
 * and no read (a compare-and-set on that exact fence, guarded by the queue's counter being unchanged), as cheap as
 * an unfair lease; and an opt-out would let one greedy holder starve everyone.
 *
 * <p>Renew and release are compare-and-sets on the exact fence the holder last saw (owner, epoch, token and lease
 * end; {@link WriteOp.SetFence#replacing}), so the store refuses them once anything about the lease changed, in any
 * process: a renewal that lost a race with a release fails and never revives the lease, and a takeover cannot land
 * on a lease that was renewed after the contender read it. When the compare-and-set fails, the stored fence is read
 * to say why: another epoch is {@link OwnershipError.Superseded}, another owner {@link OwnershipError.SplitBrain},
 * another token (compared in constant time, and checked for validity before any write)
 * {@link OwnershipError.InvalidToken}; a lease already ended or released refuses a renewal
 * ({@link OwnershipError.LeaseExpired}) and makes a release a no-op; the same lease renewed through another copy
 * is retried from what is stored.
 *
 * <p>A holder that was taken over cannot renew or release ({@link OwnershipError.Superseded}), whatever its clock
 * says. Clocks of different processes may disagree: a contender whose clock runs ahead may take over early, and
 * from then on the old holder's fenced writes are refused by the store. Places are judged on each contender's own
 * clock too, so a clock far ahead may also see a waiter's place as ended and go first: turns may come out of
 * order, never two holders. Thread-safe; all state that matters is in
 * the store (each instance only remembers the fences it last wrote, to skip reads).
 */
public final class Leases {
    private static final Duration LONGEST_TTL = Duration.ofMillis(Long.MAX_VALUE);
    private static final int MAX_TRIES = 8;
    private static final int MAX_KNOWN = 1_024;

    /** The exact fence this instance last wrote for a lease, and the queue's counter as it was seen then. */
    private record Known(Fence fence, long counterEpoch, long counterUntil) {
    }

    private final Store store;
    private final Clock clock;
    private final FenceTokens tokens;
    private final Observer observer;
    private final Releases releases = new Releases();
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    /**
     * Leases over {@code store} timed by {@code clock}, with unkeyed tokens.
     * They are not secret, so a warning says so once per JVM; prefer the constructor taking
     * {@link FenceTokens#hmac(byte[]) keyed} tokens.
     *
     * @param store where the leases live; shared by every contender
     * @param clock read for every expiry decision; contenders' clocks must agree within the margin they allow
     */
    public Leases(Store store, Clock clock) {
        this(store, clock, DefaultFenceTokens.unkeyed("new Leases(store, clock)"));
    }

    /**
     * Leases over {@code store} timed by {@code clock}, with the given tokens.
     *
     * @param store  where the leases live; shared by every contender
     * @param clock  read for every expiry decision; contenders' clocks must agree within the margin they allow
     * @param tokens the scheme every contender over this store uses, usually {@link FenceTokens#hmac(byte[])}
     */
    public Leases(Store store, Clock clock, FenceTokens tokens) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.observer = Observer.of(store);
    }

    /** {@return the clock leases are timed by} */
    public Clock clock() {
        return clock;
    }

    /**
     * Reads the stored fence behind a lease as it is now.
     *
     * @param name the lease's fence name
     * @return the fence with its owner, epoch and lease end, or empty if {@code name} was never acquired
     */
    public Optional<Fence> read(String name) {
        return store.readFence(Names.require("lease name", name));
    }

    /**
     * Acquires {@code name} for {@code owner} for {@code ttl}, or queues {@code owner} for it.
     *
     * @param name  the lease's fence name
     * @param owner the contender
     * @param ttl   how long the lease (or the place in the queue) lasts, on this clock
     * @return the lease, or why not: {@link OwnershipError.LeaseHeld} while another owner's lease runs and
     *         {@link OwnershipError.Queued} while others queued earlier (either way {@code owner} now holds a place
     *         in the queue for {@code ttl}: ask again before it ends), {@link OwnershipError.LostRace} when another
     *         contender's claim landed first (then it queues too)
     */
    public Claim<Lease> acquire(String name, String owner, Duration ttl) {
        Names.require("lease name", name);
        Names.require("lease owner", owner);
        long ttlMillis = requireTtl(ttl);
        long now = clock.millis();
        Claim<Lease> known = acquireKnown(name, owner, ttlMillis, now);
        if (known != null) {
            return known;
        }
        for (int attempt = 1; ; attempt++) {
            Claim<Lease> answer = acquireRead(name, owner, ttlMillis, attempt == 1 ? now : clock.millis(),
                    attempt < MAX_TRIES);
            if (answer != null) {
                return answer;
            }
        }
    }

    /**
     * The acquire that reads the fence and the queue, then writes the grant guarded by the queue's counter, so a
     * contender that queued meanwhile is never passed over.
     *
     * @return the answer, or null when the queue changed between the read and the write and {@code mayRetry}
     */
    private Claim<Lease> acquireRead(String name, String owner, long ttlMillis, long now, boolean mayRetry) {
        Optional<Fence> current = store.readFence(name);
        if (current.isPresent() && current.get().leasedAt(now)) {
            Fence f = current.get();
            if (f.owner().equals(owner)) {
                return Claim.granted(new Lease(OwnershipFence.of(f), f.leaseUntilMillis()));
            }
            LeaseQueue.hold(store, name, owner, now, ttlMillis, LeaseQueue.read(store, name, now));
            return ClaimReports.judged(observer, name, owner, f.epoch() + 1, current, Claim.rejected(
                    new OwnershipError.LeaseHeld(name, f.owner(), f.epoch(), f.leaseUntilMillis(), now)));
        }
        long epoch = TakeoverRules.next(name, current.map(Fence::epoch).orElse(0L));
        LeaseQueue.View queue = LeaseQueue.read(store, name, now);
        List<LeaseQueue.Place> ahead = queue.liveAhead(owner, now);
        if (!ahead.isEmpty()) {
            LeaseQueue.hold(store, name, owner, now, ttlMillis, queue);
            return ClaimReports.judged(observer, name, owner, epoch, current, Claim.rejected(
                    new OwnershipError.Queued(name, owner, ahead.size(), ahead.get(0).owner())));
        }
        String token = tokens.tokenFor(name, owner, epoch);
        Optional<OwnershipError> refusal = TakeoverRules.judge(current, tokens, name, owner, epoch, token);
        if (refusal.isPresent()) {
            return ClaimReports.judged(observer, name, owner, epoch, current, Claim.rejected(refusal.get()));
        }
        // The lease runs its ttl from just before the write, not from before the reads that led to it.
        long start = Math.max(now, clock.millis());
        Fence next = new Fence(name, owner, epoch, token, LeaseQueue.saturatingAdd(start, ttlMillis));
        String queueName = LeaseQueue.nameFor(name);
        WriteBatch.Builder batch = WriteBatch.builder().guardFence(queueName, queue.counterEpoch()).op(
                current.isPresent() ? WriteOp.SetFence.replacing(current.get(), next) : new WriteOp.SetFence(next, 0));
        WriteResult result = store.apply(LeaseQueue.clear(batch, name, queue, owner, now).build());
        if (result instanceof FencedOut f) {
            if (f.fence().equals(queueName) && mayRetry) {
                return null;
            }
            // Lost to another contender: wait in line for the next turn rather than race for it again.
            LeaseQueue.hold(store, name, owner, now, ttlMillis, LeaseQueue.read(store, name, now));
            return ClaimReports.judged(observer, name, owner, epoch, current, Claim.rejected(
                    new OwnershipError.LostRace(f.fence(), f.expectedEpoch(), f.foundEpoch(), f.foundOwner())));
        }
        requireCommitted(result);
        remember(next, queue.counterEpoch(), queue.counterUntil());
        if (current.isPresent()) {
            releases.granted(observer, name, owner, epoch, current.get(), now);
        }
        return ClaimReports.judged(observer, name, owner, epoch, current, Claim.granted(lease(next)));
    }

    /**
     * The acquire without reads: when this instance wrote the fence last and saw nobody queued, one batch sets the
     * next epoch if the store still holds exactly that fence and the queue's counter has not moved since.
     *
     * @return the grant, or null when the caller must read (nothing known, or the store has changed since)
     */
    private Claim<Lease> acquireKnown(String name, String owner, long ttlMillis, long now) {
        Known k = known.get(name);
        if (k == null || k.fence().leasedAt(now) || k.counterUntil() > now
                || k.fence().epoch() >= TakeoverRules.MAX_EPOCH) {
            return null;
        }
        long epoch = k.fence().epoch() + 1;
        Fence next = new Fence(name, owner, epoch, tokens.tokenFor(name, owner, epoch),
                LeaseQueue.saturatingAdd(now, ttlMillis));
        WriteResult result = store.apply(WriteBatch.builder()
                .guardFence(LeaseQueue.nameFor(name), k.counterEpoch())
                .op(WriteOp.SetFence.replacing(k.fence(), next)).build());
        if (!result.isCommitted()) {
            known.remove(name, k);
            return null;
        }
        remember(next, k.counterEpoch(), k.counterUntil());
        releases.granted(observer, name, owner, epoch, k.fence(), now);
        return ClaimReports.judged(observer, name, owner, epoch, Optional.of(k.fence()), Claim.granted(lease(next)));
    }

    /**
     * Gives up {@code owner}'s place in the queue of {@code name}, if it holds one, so that those behind it need
     * not wait for the place to end. Contenders that stop asking for a lease should call it; one that dies is
     * skipped once its place ends.
     *
     * @param name  the lease's fence name
     * @param owner the contender leaving; nothing is written if it holds no place
     */
    public void leaveQueue(String name, String owner) {
        LeaseQueue.leave(store, Names.require("lease name", name), Names.require("lease owner", owner),
                clock.millis());
    }

    /**
     * Extends {@code lease} to {@code now + ttl} (saturating at {@link Long#MAX_VALUE}).
     *
     * @param lease the lease held, as last granted
     * @param ttl   the new length from now
     * @return the extended lease; {@link OwnershipError.LeaseExpired} if it had already ended on this clock or was
     *         released, {@link OwnershipError.Superseded} if the fence is at another epoch now,
     *         {@link OwnershipError.SplitBrain} or {@link OwnershipError.InvalidToken} if the lease is not the one
     *         the store records at its epoch
     */
    public Claim<Lease> renew(Lease lease, Duration ttl) {
        Objects.requireNonNull(lease, "lease");
        long ttlMillis = requireTtl(ttl);
        long started = System.nanoTime();
        Claim<Lease> answer = extend(lease, ttlMillis);
        observer.leaseRenewed(lease.name(), lease.owner(), lease.epoch(), answer instanceof Claim.Granted<Lease>,
                System.nanoTime() - started);
        return answer;
    }

    private Claim<Lease> extend(Lease lease, long ttlMillis) {
        long now = clock.millis();
        if (!lease.activeAt(now)) {
            return Claim.rejected(new OwnershipError.LeaseExpired(lease.name(), lease.owner(), lease.epoch(),
                    lease.untilMillis(), now));
        }
        Fence next = lease.fence().toStoreFence(LeaseQueue.saturatingAdd(now, ttlMillis));
        return replace(lease, next, stored -> stored.leasedAt(now) ? null : Claim.rejected(
                new OwnershipError.LeaseExpired(lease.name(), lease.owner(), lease.epoch(),
                        stored.leaseUntilMillis(), now)));
    }

    /**
     * Ends {@code lease} now, so that the next contender can take over at once (at the next epoch). Releasing a
     * lease already released writes nothing and is granted again.
     *
     * @param lease the lease held, as last granted
     * @return the released lease (ending at 0), or why not, as for {@link #renew}
     */
    public Claim<Lease> release(Lease lease) {
        Objects.requireNonNull(lease, "lease");
        Claim<Lease> released = replace(lease, lease.fence().toStoreFence(0), stored -> stored.leaseUntilMillis() == 0
                ? Claim.granted(new Lease(lease.fence(), 0)) : null);
        if (released.isGranted()) {
            releases.released(lease.name(), lease.epoch(), clock.millis());
        }
        return released;
    }

    /**
     * Replaces the fence {@code lease} last saw with {@code next}, by a compare-and-set on that exact fence. When
     * the store holds another, it is judged: another holder refuses, {@code settled} may answer for a fence of
     * this holder (returning null to try again from it).
     */
    private Claim<Lease> replace(Lease lease, Fence next, Function<Fence, Claim<Lease>> settled) {
        // A token not minted for this holder never reaches a write; the read below says why it is refused.
        boolean minted = tokens.verify(lease.name(), lease.owner(), lease.epoch(), lease.fence().token());
        Fence expected = lease.fence().toStoreFence(lease.untilMillis());
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            if (minted && !expected.equals(next)
                    && store.apply(WriteBatch.of(WriteOp.SetFence.replacing(expected, next))).isCommitted()) {
                remember(next);
                return Claim.granted(new Lease(lease.fence(), next.leaseUntilMillis()));
            }
            Optional<Fence> stored = store.readFence(lease.name());
            Optional<OwnershipError> refusal = judgeHolder(lease, stored);
            if (refusal.isPresent()) {
                return Claim.rejected(refusal.get());
            }
            if (stored.get().equals(next)) {
                remember(next);
                return Claim.granted(new Lease(lease.fence(), next.leaseUntilMillis()));
            }
            Claim<Lease> answer = settled.apply(stored.get());
            if (answer != null) {
                return answer;
            }
            expected = stored.get();
        }
        return Claim.rejected(new OwnershipError.LostRace(lease.name(), lease.epoch(), lease.epoch(), lease.owner()));
    }

    /** Empty when the stored fence is {@code lease}'s own: same epoch, same owner, its valid token. */
    private Optional<OwnershipError> judgeHolder(Lease lease, Optional<Fence> stored) {
        if (stored.isEmpty() || stored.get().epoch() != lease.epoch()) {
            return Optional.of(new OwnershipError.Superseded(lease.name(), lease.owner(), lease.epoch(),
                    stored.map(Fence::owner).orElse(""), stored.map(Fence::epoch).orElse(0L)));
        }
        Fence f = stored.get();
        if (!f.owner().equals(lease.owner())) {
            return Optional.of(new OwnershipError.SplitBrain(f.owner(), lease.owner(), lease.epoch()));
        }
        // Both checks always run, so the time taken says nothing about which one failed.
        boolean valid = tokens.verify(lease.name(), lease.owner(), lease.epoch(), lease.fence().token());
        boolean same = MessageDigest.isEqual(f.token().getBytes(StandardCharsets.UTF_8),
                lease.fence().token().getBytes(StandardCharsets.UTF_8));
        if (!(valid & same)) {
            return Optional.of(new OwnershipError.InvalidToken(lease.owner(), lease.epoch()));
        }
        return Optional.empty();
    }

    private void remember(Fence written) {
        Known k = known.get(written.name());
        if (k != null) {
            remember(written, k.counterEpoch(), k.counterUntil());
        }
    }

    private void remember(Fence written, long counterEpoch, long counterUntil) {
        if (known.size() >= MAX_KNOWN) {
            known.clear();
        }
        known.put(written.name(), new Known(written, counterEpoch, counterUntil));
    }

    private static Lease lease(Fence f) {
        return new Lease(OwnershipFence.of(f), f.leaseUntilMillis());
    }

    private static void requireCommitted(WriteResult result) {
        if (!result.isCommitted()) {
            throw new IllegalStateException("a lease batch of fences and records cannot conflict with " + result);
        }
    }

    /** The ttl in milliseconds: at least 1, and {@link Long#MAX_VALUE} for any longer than that can hold. */
    private static long requireTtl(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("lease ttl must be positive, was " + ttl);
        }
        if (ttl.compareTo(LONGEST_TTL) >= 0) {
            return Long.MAX_VALUE;
        }
        return Math.max(1, ttl.toMillis());
    }
}
