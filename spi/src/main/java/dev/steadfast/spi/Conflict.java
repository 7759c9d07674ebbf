package dev.steadfast.spi;

/**
 * A batch's condition did not hold, so nothing of it was written. Each conflict names what the writer expected
 * and what the store found, so the caller can decide to re-read, retry or give up.
 */
public sealed interface Conflict extends WriteResult permits FencedOut, SequenceConflict {
    /** A one-line explanation naming the thing, the expected value and the found value. */
    String message();
}
