package dev.steadfast.spi;

/**
 * Opens stores of one URI scheme. Found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.steadfast.spi.StoreProvider}.
 *
 * <p>The constructor must be public, take no arguments and be cheap; real work happens in {@link #open}.
 */
public interface StoreProvider {

    /**
     * The URI scheme served; two providers of one scheme on the class path make selecting it an error.
     *
     * @return the scheme in lower case without the colon, for example {@code "sqlite"}
     */
    String scheme();

    /**
     * Describes the provider in error messages and tools, for example when two providers claim one scheme.
     *
     * @return one line, for example the artifact that holds this provider; the class name by default
     */
    default String description() {
        return getClass().getName();
    }

    /**
     * Opens (creating if needed) the store {@code spec} names.
     *
     * @param spec the store's location and options, with this provider's scheme
     * @return the open store, which the caller closes
     * @throws StoreConfigurationException if the spec's location or options are invalid for this backend
     * @throws StoreException              if the store cannot be opened; nothing already stored is changed
     */
    Store open(StoreSpec spec);

    /**
     * Makes a store that {@link #open} refuses as damaged open again, only when an operator asks for it (the
     * {@code steadfast repair} command): what cannot be kept is moved into a quarantine directory beside the store,
     * never deleted, and the report says exactly what the store no longer holds. A store that opens is left
     * unchanged. With {@code dryRun} nothing is changed and the report says what would be done. Optional: backends
     * whose damage the database itself handles keep this default, which refuses.
     *
     * @param spec   the damaged store's location and options
     * @param dryRun true to change nothing and only report what would be done
     * @return what was (or would be) moved out and what the store no longer holds
     * @throws StoreConfigurationException if this backend has no repair, or the spec is invalid
     * @throws StoreException              if the store cannot be repaired (the message says why); what was done
     *                                     before is in the quarantine directory the message names
     */
    default RepairReport repair(StoreSpec spec, boolean dryRun) {
        throw new StoreConfigurationException("store " + spec + ": scheme '" + scheme() + "' has no repair; its"
                + " damage is handled by the database itself");
    }
}
