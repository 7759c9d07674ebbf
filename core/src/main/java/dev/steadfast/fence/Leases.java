package dev.steadfast.fence;

import dev.steadfast.internal.DefaultFenceTokens;
import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.Names;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
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
 * <p>Every change is a compare-and-set on the epoch, so a holder that was taken over cannot renew or release
 * ({@link OwnershipError.Superseded}), whatever its clock says. Clocks of different processes may disagree: a
 * contender whose clock runs ahead may take over early, and from then on the old holder's fenced writes are
 * refused by the store. Thread-safe; all state is in the store.
 */
public final class Leases {
    private final Store store;
    private final Clock clock;
    private final FenceTokens tokens;

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
            return Claim.rejected(new OwnershipError.LeaseHeld(name, f.owner(), f.epoch(), f.leaseUntilMillis(), now));
        }
        long epoch = current.map(Fence::epoch).orElse(0L) + 1;
        String token = tokens.tokenFor(name, owner, epoch);
        Optional<OwnershipError> refusal = TakeoverRules.judge(current, tokens, name, owner, epoch, token);
        if (refusal.isPresent()) {
            return Claim.rejected(refusal.get());
        }
        Fence next = new Fence(name, owner, epoch, token, saturatingAdd(now, ttlMillis));
        return Fences.compareAndSet(store, next, epoch - 1)
                .map(f -> new Lease(OwnershipFence.of(f), f.leaseUntilMillis()));
    }

    /**
     * Extends {@code lease} to {@code now + ttl}.
     *
     * @return the extended lease; {@link OwnershipError.LeaseExpired} if it had already ended on this clock,
     *         {@link OwnershipError.Superseded} if another owner holds the fence now
     */
    public Claim<Lease> renew(Lease lease, Duration ttl) {
        Objects.requireNonNull(lease, "lease");
        long ttlMillis = requireTtl(ttl);
        long now = clock.millis();
        if (!lease.activeAt(now)) {
            return Claim.rejected(new OwnershipError.LeaseExpired(lease.name(), lease.owner(), lease.epoch(),
                    lease.untilMillis(), now));
        }
        return write(lease, saturatingAdd(now, ttlMillis));
    }

    /**
     * Ends {@code lease} now, so that the next contender can take over at once (at the next epoch).
     *
     * @return the released lease (ending at 0), or {@link OwnershipError.Superseded}
     */
    public Claim<Lease> release(Lease lease) {
        Objects.requireNonNull(lease, "lease");
        return write(lease, 0);
    }

    private Claim<Lease> write(Lease lease, long until) {
        Fence updated = lease.fence().toStoreFence(until);
        WriteResult result = store.apply(WriteBatch.of(new WriteOp.SetFence(updated, lease.epoch())));
        if (result instanceof FencedOut f) {
            return Claim.rejected(Fences.superseded(lease.fence(), f));
        }
        return Claim.granted(new Lease(lease.fence(), until));
    }

    private static long requireTtl(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("lease ttl must be positive, was " + ttl);
        }
        return ttl.toMillis() == 0 ? 1 : ttl.toMillis();
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
