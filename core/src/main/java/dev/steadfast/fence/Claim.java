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

    /**
     * A granted claim.
     *
     * @param value what was granted, not null
     * @param <T>   its type
     * @return a {@link Granted} carrying {@code value}
     */
    static <T> Claim<T> granted(T value) {
        return new Granted<>(value);
    }

    /**
     * A refused claim.
     *
     * @param error why it was refused
     * @param <T>   the type a grant would have carried
     * @return a {@link Rejected} carrying {@code error}
     */
    static <T> Claim<T> rejected(OwnershipError error) {
        return new Rejected<>(error);
    }

    /** {@return true if the claim was granted, false if it was rejected} */
    default boolean isGranted() {
        return this instanceof Granted;
    }

    /**
     * The granted value.
     *
     * @return the value of a {@link Granted}
     * @throws OwnershipException carrying the error when the claim was rejected
     */
    default T orElseThrow() {
        if (this instanceof Granted<T> g) {
            return g.value();
        }
        throw new OwnershipException(((Rejected<T>) this).error());
    }

    /**
     * The same outcome with the granted value mapped; a rejection passes through with its error.
     *
     * @param mapper applied to the granted value only; must not return null
     * @param <U>    the mapped type
     * @return a grant of the mapped value, or a rejection with the same error
     */
    default <U> Claim<U> map(Function<? super T, ? extends U> mapper) {
        if (this instanceof Granted<T> g) {
            return new Granted<>(mapper.apply(g.value()));
        }
        return new Rejected<>(((Rejected<T>) this).error());
    }

    /**
     * The claim was granted.
     *
     * @param value what was granted
     * @param <T>   its type
     */
    record Granted<T>(T value) implements Claim<T> {
        /**
         * Rejects null.
         *
         * @param value what was granted
         */
        public Granted {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The claim was refused, for the reason given.
     *
     * @param error why
     * @param <T>   the type a grant would have carried
     */
    record Rejected<T>(OwnershipError error) implements Claim<T> {
        /**
         * Rejects null.
         *
         * @param error why
         */
        public Rejected {
            Objects.requireNonNull(error, "error");
        }
    }
}
