package dev.steadfast.lifecycle;

/** A copy that was refused (a non-empty target, a target ahead of the source) or did not verify. */
public final class CopyException extends RuntimeException {
    /** A refusal or a failed verification described by {@code message}. */
    public CopyException(String message) {
        super(message);
    }
}
