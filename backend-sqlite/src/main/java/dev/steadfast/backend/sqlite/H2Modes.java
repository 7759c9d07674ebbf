package dev.steadfast.backend.sqlite;

import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreSpec;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;

/**
 * How each H2 file database open in this process was opened: read-only, or read-write with which write delay. The
 * stores of one file in one process share one database, opened with the settings of the first: a later store's
 * {@code ACCESS_MODE_DATA=r} is ignored (a {@code readOnly=true} store beside a read-write one wrote), and
 * {@code WRITE_DELAY}, a setting of the whole database that every connection sets from its URL, switched the other
 * stores' commits to its own delay (a store whose descriptor promised that a killed process loses nothing could
 * lose its last seconds of commits). One database, one mode: a store asking for another while the database is open
 * here is refused.
 *
 * <p>Databases are told apart by their {@link WriterLocks writer lock}, which stores share exactly when they share
 * the database.
 */
final class H2Modes {
    private static final Map<Lock, Held> OPEN = new WeakHashMap<>();

    private H2Modes() {
    }

    private static final class Held {
        final String mode;
        int stores;

        Held(String mode) {
            this.mode = mode;
        }
    }

    /**
     * Records one more store of {@code database} opened in {@code mode} ({@code readOnly=true} or
     * {@code writeDelayMs=N}).
     *
     * @return what to run once that store's connections are closed
     * @throws StoreConfigurationException if the database is open here in another mode
     */
    static synchronized Runnable hold(Lock database, String mode, StoreSpec spec) {
        Held held = OPEN.computeIfAbsent(database, d -> new Held(mode));
        if (!held.mode.equals(mode)) {
            throw new StoreConfigurationException("store " + spec + " asks for " + mode + ", but its H2 database"
                    + " is open in this process with " + held.mode + ", and its stores share one database opened"
                    + " one way; open it with " + held.mode + ", or close the other stores first (nothing was"
                    + " changed)");
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
