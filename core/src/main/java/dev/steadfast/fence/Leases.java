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
import java.util.Objects;
import java.util.Optional;

/**
 * TTL leases over store fences, timed by a {@link Clock}.
 *
 * <p>{@link #acquire} grants a free fence at epoch 1, a fence whose lease has ended (or was released) at the next
 * epoch, and refuses one whose lease still runs on <em>this</em> service's clock with
 * {@link OwnershipError.LeaseHeld}; the holder asking again gets its running lease back. {@link #renew} extends a
 * lease that has not yet ended on the holder's clock ({@code now < until}; at {@code now == until} it has ended,
 * {@link OwnershipError.LeaseExpired}); {@link #release} ends it at once so the next contender need not wait.
 *
 * <p>Renew and release judge the caller's lease against the stored fence, not against the caller's copy: the
 * stored epoch must be the lease's ({@link OwnershipError.Superseded} otherwise), the stored owner the lease's
 * ({@link OwnershipError.SplitBrain}), and the lease's token valid for it and equal to the stored one, both compared
 * in constant time ({@link OwnershipError.InvalidToken}); a renewal also needs the stored lease still running
 * ({@link OwnershipError.LeaseExpired}, also after a release). The write is then a compare-and-set on that epoch.
 * No write of this library changes a fence's owner or token without raising its epoch, so a fence still at the
 * epoch read still has the owner and token just checked. What the compare-and-set cannot see is a change of the
 * lease end at the same epoch, so renewals and releases of one fence name are serialised within this JVM: a
 * release racing a renewal lands after it, and the lease ends released. Across processes the SPI offers no guard
 * on the lease end; the holder of a lease is one process, so that window needs two processes claiming the same
 * holder identity.
 *
 * <p>A holder that was taken over cannot renew or release ({@link OwnershipError.Superseded}), whatever its clock
 * says. Clocks of different processes may disagree: a
 * contender whose clock runs ahead may take over early, and from then on the old holder's fenced writes are
 * refused by the store. Thread-safe; all state is in the store.
 */
public final class Leases {
    private static final Duration LONGEST_TTL = Duration.ofMillis(Long.MAX_VALUE);
    // JVM-wide, not per instance: a renewer and a shutdown hook may well hold different Leases objects.
    private static final Object[] HOLDER_LOCKS = new Object[64];

    static {
        for (int i = 0; i < HOLDER_LOCKS.length; i++) {
            HOLDER_LOCKS[i] = new Object();
        }
    }
    private final Store store;
    private final Clock clock;
    private final FenceTokens tokens;
    private final Observer observer;

    /**
     * Leases over {@code store} timed by {@code clock}, with unkeyed tokens.
     * They are not secret, so a warning says so once per JVM; prefer the constructor taking
     * {@link FenceTokens#hmac(byte[]) keyed} tokens.
     */
    public Leases(Store store, Clock clock) {
        this(store, clock, DefaultFenceTokens.unkeyed("new Leases(store, clock)"));
    }

    /** Leases over {@code store} timed by {@code clock}, with the given tokens. */
    public Leases(Store store, Clock clock, FenceTokens tokens) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.observer = Observer.of(store);
    }

    /** The clock leases are timed by. */
    public Clock clock() {
        return clock;
    }

    /** The stored fence behind {@code name}, lease end included. */
    public Optional<Fence> read(String name) {
        return store.readFence(Names.require("lease name", name));
    }

    /**
     * Acquires {@code name} for {@code owner} for {@code ttl}.
     *
     * @return the lease, or why not: {@link OwnershipError.LeaseHeld} while another owner's lease runs,
     *         {@link OwnershipError.LostRace} when another contender's claim landed first
     */
    public Claim<Lease> acquire(String name, String owner, Duration ttl) {
        Names.require("lease name", name);
        Names.require("lease owner", owner);
        long ttlMillis = requireTtl(ttl);
        long now = clock.millis();
        Optional<Fence> current = store.readFence(name);
        if (current.isPresent() && current.get().leasedAt(now)) {
            Fence f = current.get();
            if (f.owner().equals(owner)) {
                return Claim.granted(new Lease(OwnershipFence.of(f), f.leaseUntilMillis()));
            }
            return ClaimReports.takeover(observer, name, owner, f.epoch() + 1, Claim.rejected(
                    new OwnershipError.LeaseHeld(name, f.owner(), f.epoch(), f.leaseUntilMillis(), now)));
        }
        long epoch = TakeoverRules.next(name, current.map(Fence::epoch).orElse(0L));
        String token = tokens.tokenFor(name, owner, epoch);
        Optional<OwnershipError> refusal = TakeoverRules.judge(current, tokens, name, owner, epoch, token);
        if (refusal.isPresent()) {
            return ClaimReports.takeover(observer, name, owner, epoch, Claim.rejected(refusal.get()));
        }
        Fence next = new Fence(name, owner, epoch, token, saturatingAdd(now, ttlMillis));
        Claim<Lease> claim = ClaimReports.takeover(observer, name, owner, epoch, Fences.compareAndSet(store, next,
                epoch - 1).map(f -> new Lease(OwnershipFence.of(f), f.leaseUntilMillis())));
        // A released lease ends at 0: its release time is not stored, so only leases that ran out are timed.
        if (claim instanceof Claim.Granted<Lease> && current.isPresent() && current.get().leaseUntilMillis() > 0) {
            observer.leaseGrantedAfterExpiry(name, owner, epoch, now - current.get().leaseUntilMillis());
        }
        return claim;
    }

    /**
     * Extends {@code lease} to {@code now + ttl} (saturating at {@link Long#MAX_VALUE}).
     *
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
        synchronized (holderLock(lease)) {
            Optional<Fence> stored = store.readFence(lease.name());
            Optional<OwnershipError> refusal = judgeHolder(lease, stored);
            if (refusal.isPresent()) {
                return Claim.rejected(refusal.get());
            }
            if (!stored.get().leasedAt(now)) {
                return Claim.rejected(new OwnershipError.LeaseExpired(lease.name(), lease.owner(), lease.epoch(),
                        stored.get().leaseUntilMillis(), now));
            }
            return write(lease, saturatingAdd(now, ttlMillis));
        }
    }

    /**
     * Ends {@code lease} now, so that the next contender can take over at once (at the next epoch). Releasing a
     * lease already released writes nothing and is granted again.
     *
     * @return the released lease (ending at 0), or why not, as for {@link #renew}
     */
    public Claim<Lease> release(Lease lease) {
        Objects.requireNonNull(lease, "lease");
        synchronized (holderLock(lease)) {
            Optional<Fence> stored = store.readFence(lease.name());
            Optional<OwnershipError> refusal = judgeHolder(lease, stored);
            if (refusal.isPresent()) {
                return Claim.rejected(refusal.get());
            }
            if (stored.get().leaseUntilMillis() == 0) {
                return Claim.granted(new Lease(lease.fence(), 0));
            }
            return write(lease, 0);
        }
    }

    private static Object holderLock(Lease lease) {
        return HOLDER_LOCKS[Math.floorMod(lease.name().hashCode(), HOLDER_LOCKS.length)];
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

    private Claim<Lease> write(Lease lease, long until) {
        Fence updated = lease.fence().toStoreFence(until);
        WriteResult result = store.apply(WriteBatch.of(new WriteOp.SetFence(updated, lease.epoch())));
        if (result instanceof FencedOut f) {
            return Claim.rejected(Fences.superseded(lease.fence(), f));
        }
        return Claim.granted(new Lease(lease.fence(), until));
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

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
