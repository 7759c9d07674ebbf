package dev.steadfast.spi;

/** A method other than {@code close} was called on a closed store. */
public class StoreClosedException extends StoreException {
    /** @param location the store's location, as in its descriptor */
    public StoreClosedException(String location) {
        super("store " + location + " is closed");
    }
}
