package dev.steadfast.fence;

import java.util.Objects;

/** Thrown by {@link Claim#orElseThrow()} when a claim was refused; carries the {@link OwnershipError}. */
public final class OwnershipException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient OwnershipError error;

    /**
     * An exception for {@code error}, with its message.
     *
     * @param error why the claim was refused
     */
    public OwnershipException(OwnershipError error) {
        super(Objects.requireNonNull(error, "error").message());
        this.error = error;
    }

    /** {@return why the claim was refused} */
    public OwnershipError error() {
        return error;
    }
}
