package dev.steadfast.spi;

/**
 * The store was held by another writer (another process on the same file, another connection's lock) for longer
 * than the store's configured wait, so the call gave up before doing anything: a write wrote nothing, a read read
 * nothing. Not damage and not a conflict: nothing was decided, and the same call may simply be made again, at once
 * or after a pause. A store throws it only when it knows the write did not happen; a wait that ran out while a
 * commit was in flight is a {@link WriteOutcomeUnknownException} instead. From
 * {@link Store#applyAll} it means no batch of the call was written.
 */
public class StoreBusyException extends StoreIOException {
    /**
     * A wait that ran out, with the exception the driver raised.
     *
     * @param message which store, what it was doing, and how long it may wait
     * @param cause   the driver's exception
     */
    public StoreBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
