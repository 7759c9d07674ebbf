package dev.steadfast.fence;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of asking for ownership: {@link Granted} with what was granted, or {@link Rejected} with why.
 * A refusal is an expected outcome, so it is a value, not an exception.
 *
 * @param <T> what a grant carries: an {@link OwnershipFence}, a {@link Lease}, a session
 */
public sealed interface Claim<T> {

    /** A granted claim for {@code value}. */
    static <T> Claim<T> granted(T value) {
        return new Granted<>(value);
    }

    /** A refused claim. */
    static <T> Claim<T> rejected(OwnershipError error) {
        return new Rejected<>(error);
    }

    /** Whether the claim was granted. */
    default boolean isGranted() {
        return this instanceof Granted;
    }

    /**
     * The granted value.
     *
     * @throws OwnershipException carrying the error when the claim was rejected
     */
    default T orElseThrow() {
        if (this instanceof Granted<T> g) {
            return g.value();
        }
        throw new OwnershipException(((Rejected<T>) this).error());
    }

    /** The same outcome with the granted value mapped. */
    default <U> Claim<U> map(Function<? super T, ? extends U> mapper) {
        if (this instanceof Granted<T> g) {
            return new Granted<>(mapper.apply(g.value()));
        }
        return new Rejected<>(((Rejected<T>) this).error());
    }

    /** The claim was granted. */
    record Granted<T>(T value) implements Claim<T> {
        /** Rejects null. */
        public Granted {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The claim was refused, for the reason given. */
    record Rejected<T>(OwnershipError error) implements Claim<T> {
        /** Rejects null. */
        public Rejected {
            Objects.requireNonNull(error, "error");
        }
    }
}
