package dev.steadfast.spi;

/**
 * Opens stores of one URI scheme. Found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.steadfast.spi.StoreProvider}.
 *
 * <p>The constructor must be public, take no arguments and be cheap; real work happens in {@link #open}.
 */
public interface StoreProvider {

    /** The URI scheme served, lower case without the colon, for example {@code "sqlite"}. */
    String scheme();

    /** A one-line description for error messages and tools, for example the artifact that holds this provider. */
    default String description() {
        return getClass().getName();
    }

    /**
     * Opens (creating if needed) the store {@code spec} names.
     *
     * @throws StoreConfigurationException if the spec's location or options are invalid for this backend
     * @throws StoreException              if the store cannot be opened; nothing already stored is changed
     */
    Store open(StoreSpec spec);
}
