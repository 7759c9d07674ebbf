package dev.steadfast.events;

/** What a batch written through the store came to; see {@link SteadfastEvent.BatchWritten}. */
public enum WriteOutcome {
    /** The batch was committed. */
    COMMITTED,
    /** A journal append found another sequence than it expected; nothing was written. */
    SEQUENCE_CONFLICT,
    /** A guard or fence write found another epoch; nothing was written. */
    FENCED_OUT,
    /** The store refused or failed; the writer got an exception. */
    FAULT
}
