package dev.steadfast.spi;

/**
 * A store that was to be opened only if it already exists (for example with {@code create=false}, as read-only
 * tools open it) does not exist: no file, no schema, or no Steadfast tables in it. Nothing was created or changed.
 */
public class NoSuchStoreException extends StoreConfigurationException {
    /**
     * A store that is not there.
     *
     * @param message the location looked at and what was missing there (file, schema or tables)
     */
    public NoSuchStoreException(String message) {
        super(message);
    }
}
