package dev.steadfast.spi;

/**
 * What became of a {@link WriteBatch}: {@link Committed} (every operation applied, durably if the store is
 * durable) or a {@link Conflict} (nothing applied). Faults are not results: they throw {@link StoreException}.
 */
public sealed interface WriteResult permits WriteResult.Committed, Conflict {

    /**
     * The result of a batch that applied in full.
     *
     * @return {@link Committed#INSTANCE}
     */
    static WriteResult committed() {
        return Committed.INSTANCE;
    }

    /**
     * Whether the batch was applied.
     *
     * @return true for {@link Committed}, false for every {@link Conflict}
     */
    default boolean isCommitted() {
        return this instanceof Committed;
    }

    /** The batch applied in full. */
    enum Committed implements WriteResult {
        /** The only instance. */
        INSTANCE;

        /** Prints as {@code Committed}, the way the {@link Conflict} records print their type. */
        @Override
        public String toString() {
            return "Committed";
        }
    }
}
