package dev.steadfast.fence;

import dev.steadfast.internal.DefaultFenceTokens;
import dev.steadfast.internal.Observer;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.Names;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/**
 * Claims ownership fences under the takeover rules, with the grant made by a compare-and-set in the store.
 *
 * <p>A request {@code (owner, epoch, token)} is judged against the stored fence in this order: an epoch below the
 * current one is {@link OwnershipError.StaleOwner}; the current epoch held by another owner is
 * {@link OwnershipError.SplitBrain}; a token other than {@link FenceTokens#tokenFor} is
 * {@link OwnershipError.InvalidToken}; otherwise the claim is granted. The same owner asking again for its own
 * epoch with a valid token is an idempotent re-claim and writes nothing. A higher epoch is written with
 * {@link WriteOp.SetFence} expecting the epoch just read; if another claim got there first the result is
 * {@link OwnershipError.LostRace}, never a silent retry that would displace the winner.
 *
 * <p>Fences claimed here carry no lease (they are held until taken over); see {@link Leases} for TTL leases.
 * Thread-safe; all state is in the store.
 */
public final class Fences {
    private final Store store;
    private final FenceTokens tokens;
    private final Observer observer;

    /**
     * Fences over {@code store} with {@linkplain FenceTokens#unkeyed() unkeyed} tokens.
     * They are not secret, so a warning says so once per JVM; prefer the constructor taking
     * {@link FenceTokens#hmac(byte[]) keyed} tokens.
     *
     * @param store where the fences live; shared by every contender that must be fenced against the others
     */
    public Fences(Store store) {
        this(store, DefaultFenceTokens.unkeyed("new Fences(store)"));
    }

    /**
     * Fences over {@code store} with the given tokens.
     *
     * @param store  where the fences live; shared by every contender that must be fenced against the others
     * @param tokens the scheme every contender over this store uses, usually {@link FenceTokens#hmac(byte[])}
     */
    public Fences(Store store, FenceTokens tokens) {
        this.store = Objects.requireNonNull(store, "store");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.observer = Observer.of(store);
    }

    /** {@return the token scheme claims are checked with} */
    public FenceTokens tokens() {
        return tokens;
    }

    /**
     * The token a claim must present; see {@link FenceTokens#tokenFor}.
     *
     * @param name  the fence's name
     * @param owner the claiming owner
     * @param epoch the epoch claimed
     * @return the token expected from {@code owner} claiming {@code name} at {@code epoch}
     */
    public String tokenFor(String name, String owner, long epoch) {
        return tokens.tokenFor(name, owner, epoch);
    }

    /**
     * Reads the ownership the store records now; it may change the moment after.
     *
     * @param name the fence's name
     * @return the stored ownership, or empty if {@code name} was never claimed
     */
    public Optional<OwnershipFence> current(String name) {
        return store.readFence(Names.require("fence name", name)).map(OwnershipFence::of);
    }

    /**
     * Asks for {@code name} at {@code epoch} for {@code owner}, proven by {@code token}.
     *
     * @param name  the fence's name
     * @param owner the claiming owner
     * @param epoch the epoch asked for, above the stored one
     * @param token the token for {@code (name, owner, epoch)}
     * @return the granted fence, or why it was refused
     * @throws IllegalArgumentException if {@code epoch} is below 1 or above {@code Long.MAX_VALUE - 1}
     */
    public Claim<OwnershipFence> requestTakeover(String name, String owner, long epoch, String token) {
        Names.require("fence name", name);
        Names.require("fence owner", owner);
        Objects.requireNonNull(token, "token");
        if (epoch < 1) {
            throw new IllegalArgumentException("requested epoch of fence '" + name + "' must be >= 1, was " + epoch);
        }
        TakeoverRules.requireClaimable(name, epoch);
        Optional<Fence> current = store.readFence(name);
        return ClaimReports.judged(observer, name, owner, epoch, current,
                judgeAndWrite(current, name, owner, epoch, token));
    }

    private Claim<OwnershipFence> judgeAndWrite(Optional<Fence> current, String name, String owner, long epoch,
                                                String token) {
        Optional<OwnershipError> refusal = TakeoverRules.judge(current, tokens, name, owner, epoch, token);
        if (refusal.isPresent()) {
            return Claim.rejected(refusal.get());
        }
        OwnershipFence granted = new OwnershipFence(name, owner, epoch, token);
        if (TakeoverRules.isReclaim(current, owner, epoch)) {
            return Claim.granted(granted);
        }
        long expected = current.map(Fence::epoch).orElse(0L);
        return compareAndSet(granted.toStoreFence(Long.MAX_VALUE), expected).map(OwnershipFence::of);
    }

    /**
     * Claims {@code name} for {@code owner} at the epoch after the current one (1 when new), minting the token.
     *
     * @param name  the fence's name
     * @param owner the claiming owner
     * @return the granted fence, or why it was refused (a {@link OwnershipError.LostRace} if another claim won)
     * @throws IllegalStateException if the fence is at the highest epoch a claim may take
     */
    public Claim<OwnershipFence> claimNext(String name, String owner) {
        long next = nextEpoch(name);
        return requestTakeover(name, owner, next, tokens.tokenFor(name, owner, next));
    }

    /**
     * The epoch a takeover of {@code name} would claim now: one above the stored epoch, 1 when there is no fence.
     *
     * @param name the fence's name
     * @return the next epoch, {@code >= 1}
     * @throws IllegalStateException if the fence is at the highest epoch a claim may take
     *                               ({@code Long.MAX_VALUE - 1}), so it can no longer be taken over
     */
    public long nextEpoch(String name) {
        long current = store.readFence(Names.require("fence name", name)).map(Fence::epoch).orElse(0L);
        return TakeoverRules.next(name, current);
    }

    /**
     * Checks whether a holder still owns its fence, as read now.
     *
     * @param held the ownership a holder believes it has
     * @return empty while {@code held} is still the store's fence (its epoch, owner and token), else an
     *         {@link OwnershipError.Superseded}, or an {@link OwnershipError.InvalidToken} when the epoch and owner
     *         are the store's but the token is not
     */
    public Optional<OwnershipError> check(OwnershipFence held) {
        Objects.requireNonNull(held, "held");
        Optional<Fence> current = store.readFence(held.name());
        if (current.isPresent() && current.get().epoch() == held.epoch()
                && current.get().owner().equals(held.owner())) {
            // The owner's name and epoch are no secret; only the stored token proves the grant. Compared in
            // constant time, so the time taken says nothing about how much of a guess was right.
            boolean same = MessageDigest.isEqual(current.get().token().getBytes(StandardCharsets.UTF_8),
                    held.token().getBytes(StandardCharsets.UTF_8));
            return same ? Optional.empty() : Optional.of(new OwnershipError.InvalidToken(held.owner(), held.epoch()));
        }
        return Optional.of(superseded(held, current.map(Fence::owner).orElse(""),
                current.map(Fence::epoch).orElse(0L)));
    }

    /**
     * Describes a write of {@code held} that the store refused because the fence had moved on.
     *
     * @param held      the ownership the writer believed it had
     * @param fencedOut what the store found instead
     * @return the refusal, naming both owners and epochs
     */
    public static OwnershipError.Superseded superseded(OwnershipFence held, FencedOut fencedOut) {
        return superseded(held, fencedOut.foundOwner(), fencedOut.foundEpoch());
    }

    private static OwnershipError.Superseded superseded(OwnershipFence held, String owner, long epoch) {
        return new OwnershipError.Superseded(held.name(), held.owner(), held.epoch(), owner, epoch);
    }

    /** Sets {@code fence} if the store still holds {@code expectedEpoch}; a lost race is reported, not retried. */
    private Claim<Fence> compareAndSet(Fence fence, long expectedEpoch) {
        WriteResult result = store.apply(WriteBatch.of(new WriteOp.SetFence(fence, expectedEpoch)));
        if (result instanceof FencedOut f) {
            return Claim.rejected(new OwnershipError.LostRace(fence.name(), expectedEpoch, f.foundEpoch(),
                    f.foundOwner()));
        }
        if (!result.isCommitted()) {
            throw new IllegalStateException("a fence-only batch cannot conflict with " + result);
        }
        return Claim.granted(fence);
    }
}
