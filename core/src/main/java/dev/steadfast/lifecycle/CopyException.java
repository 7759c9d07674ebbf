package dev.steadfast.lifecycle;

import java.util.Objects;

/** A copy that was refused (a non-empty target, a target ahead of the source) or did not verify. */
public final class CopyException extends RuntimeException {
    /** Why a copy stopped. */
    public enum Reason {
        /** The target holds state the copy may not overwrite; nothing of the source was written. */
        REFUSED,
        /** Something else wrote to the target, or the source changed, during the copy. */
        CONFLICT,
        /** Everything was written but the target's digest differs from the source's. */
        NOT_VERIFIED
    }

    /** Serialized with the exception: see {@link #reason()}. */
    private final Reason reason;

    /**
     * A stop for {@code reason} described by {@code message}.
     *
     * @param reason  why the copy stopped
     * @param message what was found, naming the stream or record and both values
     */
    public CopyException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** {@return why the copy stopped} */
    public Reason reason() {
        return reason;
    }
}
