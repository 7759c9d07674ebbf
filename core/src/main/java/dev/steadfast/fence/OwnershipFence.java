package dev.steadfast.fence;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.Guard;
import dev.steadfast.spi.Names;
import java.util.Objects;

/**
 * A granted ownership: {@code owner} holds fence {@code name} at {@code epoch}, proven by {@code token}.
 *
 * <p>Holding this value proves nothing by itself: the store decides. Every write made on its behalf carries
 * {@link #guard()}, which the store checks atomically with the write.
 *
 * @param name  the fence's name
 * @param owner who holds it
 * @param epoch the ownership generation, {@code >= 1}
 * @param token the grant's proof, see {@link FenceTokens}
 */
public record OwnershipFence(String name, String owner, long epoch, String token) {
    /**
     * Checks the components.
     *
     * @param name  the fence's name
     * @param owner who holds it
     * @param epoch the ownership generation, {@code >= 1}
     * @param token the grant's proof, see {@link FenceTokens}
     * @throws IllegalArgumentException if a name is invalid or {@code epoch < 1}
     */
    public OwnershipFence {
        Names.require("fence name", name);
        Names.require("fence owner", owner);
        Objects.requireNonNull(token, "token");
        if (epoch < 1) {
            throw new IllegalArgumentException("fence epoch must be >= 1, was " + epoch);
        }
    }

    /** The ownership a stored fence records. */
    static OwnershipFence of(Fence fence) {
        return new OwnershipFence(fence.name(), fence.owner(), fence.epoch(), fence.token());
    }

    /** {@return the guard every write of this owner carries: the fence is still at this epoch} */
    public Guard.FenceAt guard() {
        return new Guard.FenceAt(name, epoch);
    }

    /** The store fence for this ownership with the given lease end. */
    Fence toStoreFence(long leaseUntilMillis) {
        return new Fence(name, owner, epoch, token, leaseUntilMillis);
    }

    /** Whether {@code other} is the same owner at the same epoch of the same fence. */
    boolean sameHolder(OwnershipFence other) {
        return name.equals(other.name) && owner.equals(other.owner) && epoch == other.epoch;
    }

    /** Never prints the token: with a secret it is a credential. */
    @Override
    public String toString() {
        return "OwnershipFence[" + name + ", owner=" + owner + ", epoch=" + epoch + "]";
    }
}
