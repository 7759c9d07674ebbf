package dev.steadfast.backend.sqlite;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One writer lock per database in this process, shared by every store opened on it.
 *
 * <p>SQLite: two stores of one file otherwise meet only in SQLite's busy handler, which polls with growing sleeps:
 * a handle whose threads write back to back takes the file's lock again within microseconds of giving it up, and
 * the other handle's writer, asleep for up to 100 ms between tries, can miss every free moment past its busy
 * timeout (seen under load: single waits of 4 s against the default 5 s, and {@code SQLITE_BUSY} in the two-handle
 * race). Queued on one lock, they take turns; other processes still meet this one in the busy handler.
 *
 * <p>H2: a file belongs to one process, so this lock orders every Steadfast writer of the database. Two stores
 * otherwise met in H2's row locks, and there (H2 2.5) two auto-committed fence compare-and-sets could both move the
 * fence from one epoch while the other store's guarded append, which reads the fence {@code FOR UPDATE} and then
 * writes the journal, committed: two owners of one epoch. See {@code H2TwoStoresFencingTest}.
 *
 * <p>Held weakly: a lock lives as long as a store that uses it.
 */
final class WriterLocks {
    private static final Map<String, WeakReference<Lock>> LOCKS = new HashMap<>();

    private WriterLocks() {
    }

    /** The lock of the database file {@code file}, which need not exist yet; its directory must. */
    static Lock of(Path file) {
        return of(key(file).toString());
    }

    /** The lock of H2's in-memory database {@code name}, which every connection of this process to it shares. */
    static Lock ofMemory(String name) {
        return of("h2:mem:" + name);
    }

    private static synchronized Lock of(String key) {
        LOCKS.values().removeIf(r -> r.get() == null);
        WeakReference<Lock> ref = LOCKS.get(key);
        Lock lock = ref == null ? null : ref.get();
        if (lock == null) {
            lock = new ReentrantLock();
            LOCKS.put(key, new WeakReference<>(lock));
        }
        return lock;
    }

    /** The file's real path, so that two spellings of one file (relative, through a link) share a lock. */
    private static Path key(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException notYetCreated) {
            try {
                return absolute.getParent().toRealPath().resolve(absolute.getFileName());
            } catch (IOException | RuntimeException e) {
                return absolute;
            }
        }
    }
}
