package dev.steadfast.backend.sqlite;

import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreSpec;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;

/**
 * The write delay of each H2 file database open in this process. {@code WRITE_DELAY} is a setting of the whole
 * database, and every connection a store opens sets it from its URL, so two stores of one file with different
 * {@code writeDelayMs} would each switch the other's commits to their own delay: a store whose descriptor promised
 * that a killed process loses nothing could lose its last seconds of commits. One database, one delay: a store
 * asking for another while the database is open here is refused.
 *
 * <p>Databases are told apart by their {@link WriterLocks writer lock}, which stores share exactly when they share
 * the database.
 */
final class H2WriteDelays {
    private static final Map<Lock, Held> OPEN = new WeakHashMap<>();

    private H2WriteDelays() {
    }

    private static final class Held {
        final long writeDelayMs;
        int stores;

        Held(long writeDelayMs) {
            this.writeDelayMs = writeDelayMs;
        }
    }

    /**
     * Records one more store of {@code database} with {@code writeDelayMs}.
     *
     * @return what to run once that store's connections are closed
     * @throws StoreConfigurationException if the database is open here with another delay
     */
    static synchronized Runnable hold(Lock database, long writeDelayMs, StoreSpec spec) {
        Held held = OPEN.computeIfAbsent(database, d -> new Held(writeDelayMs));
        if (held.writeDelayMs != writeDelayMs) {
            throw new StoreConfigurationException("store " + spec + " asks for writeDelayMs=" + writeDelayMs
                    + ", but its H2 database is open in this process with writeDelayMs=" + held.writeDelayMs
                    + ", and the delay is one setting of the whole database; open it with writeDelayMs="
                    + held.writeDelayMs + ", or close the other stores first (nothing was changed)");
        }
        held.stores++;
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                release(database, held);
            }
        };
    }

    private static synchronized void release(Lock database, Held held) {
        if (--held.stores == 0 && OPEN.get(database) == held) {
            OPEN.remove(database);
        }
    }
}
