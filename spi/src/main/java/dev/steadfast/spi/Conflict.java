package dev.steadfast.spi;

/**
 * A batch's condition did not hold, so nothing of it was written. Each conflict names what the writer expected
 * and what the store found, so the caller can decide to re-read, retry or give up.
 */
public sealed interface Conflict extends WriteResult permits FencedOut, SequenceConflict {
    /**
     * Explains the conflict to a person.
     *
     * @return one line naming the thing, the value the writer expected and the value the store found
     */
    String message();
}
