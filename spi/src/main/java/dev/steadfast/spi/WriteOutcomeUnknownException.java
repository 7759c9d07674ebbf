package dev.steadfast.spi;

/**
 * A write failed in a way that leaves open whether its batches were written: some, all or none of them may be in
 * the store. Thrown instead of a plain {@link StoreException} whenever the writer cannot be told "not written".
 *
 * <p>What a caller can rely on: a batch is still atomic, so each batch of the write is either wholly in the store
 * or wholly absent, and it is never written twice by the call that failed. To learn which, read the state back
 * (for example the journal head the batch appended at, or the fence it set) before writing again; a retry that
 * carries the same guards (expected journal head, fence epoch) is safe, because the store refuses it with a
 * {@link Conflict} if the first attempt did land.
 *
 * <p>The {@linkplain #getCause() cause} is what the store threw, which may be an {@link Error} (an
 * {@code AssertionError} of a buggy backend, an {@code OutOfMemoryError}): a component that commits several
 * writers' batches in one call hands it to every one of them this way rather than to whichever thread made the
 * call.
 */
public class WriteOutcomeUnknownException extends StoreException {
    /**
     * An unknown outcome, with what the store threw.
     *
     * @param message which write failed and what is left to find out
     * @param cause   what the store threw, possibly an {@link Error}
     */
    public WriteOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * An unknown outcome with no exception to wrap, such as a commit that timed out.
     *
     * @param message which write failed and what is left to find out
     */
    public WriteOutcomeUnknownException(String message) {
        super(message);
    }
}
