package dev.steadfast.backend.sqlite;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
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
 * <p>Keys follow the database's own idea of which file it opened, so that two stores share a lock exactly when they
 * share the file: never {@code ..} taken off by text before links are followed ({@code link/..} is the link
 * target's parent to the operating system, SQLite and H2 alike). Held weakly: a lock lives as long as a store
 * that uses it.
 */
final class WriterLocks {
    /** Linux's own bound on links followed while resolving one path. */
    private static final int MAX_LINKS = 40;
    private static final Map<String, WeakReference<Lock>> LOCKS = new HashMap<>();

    private WriterLocks() {
    }

    /**
     * The lock of the SQLite file {@code file}, which need not exist yet; its directory must. A missing file is
     * keyed where opening it creates it: through a dangling link, at the link's target.
     */
    static Lock of(Path file) {
        Path p = file.toAbsolutePath();
        try {
            for (int hops = 0; hops < MAX_LINKS && Files.isSymbolicLink(p); hops++) {
                p = p.resolveSibling(Files.readSymbolicLink(p));
            }
            return of(p.toRealPath().toString());
        } catch (IOException notYetCreated) {
            try {
                return of(p.getParent().toRealPath().resolve(p.getFileName()).toString());
            } catch (IOException | RuntimeException e) {
                return of(p.normalize().toString());
            }
        }
    }

    /**
     * The lock of the H2 file {@code mvFile} (a {@code .mv.db} file), keyed as H2 names its database (H2 2.5's
     * {@code FilePathDisk.toRealPath}): an existing file by its real path, a missing one by its lexically
     * normalised path under its nearest real ancestor. Two stores share one H2 database exactly when H2 gives
     * them the same name, so they share a lock exactly then.
     */
    static Lock ofH2(Path mvFile) {
        Path p = mvFile.toAbsolutePath();
        try {
            return of(p.toRealPath().toString());
        } catch (IOException notYetCreated) {
            return of(underRealParent(p.normalize()).toString());
        }
    }

    /** The lock of H2's in-memory database {@code name}, which every connection of this process to it shares. */
    static Lock ofMemory(String name) {
        return of("h2:mem:" + name);
    }

    private static Path underRealParent(Path p) {
        Path parent = p.getParent();
        if (parent == null) {
            return p;
        }
        try {
            return parent.toRealPath().resolve(p.getFileName());
        } catch (IOException e) {
            return underRealParent(parent).resolve(p.getFileName());
        }
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
}
