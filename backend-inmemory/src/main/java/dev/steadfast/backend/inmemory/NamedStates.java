package dev.steadfast.backend.inmemory;

import java.util.HashMap;
import java.util.Map;

/**
 * The JVM-wide table of named in-memory stores: one {@link MemoryState} per name while at least one handle on it
 * is open. Counting handles (rather than keeping every name forever) lets tests and short-lived services reuse a
 * name without finding an earlier run's data, and lets the data be collected once nobody can read it.
 */
final class NamedStates {
    private static final Map<String, Shared> BY_NAME = new HashMap<>();

    private NamedStates() {
    }

    private static final class Shared {
        final MemoryState state = new MemoryState();
        int handles;
    }

    /** The state named {@code name}, created if no handle holds it; the caller must {@link #release} it once. */
    static synchronized MemoryState acquire(String name) {
        Shared shared = BY_NAME.computeIfAbsent(name, n -> new Shared());
        shared.handles++;
        return shared.state;
    }

    /** Gives back one handle on {@code name}; the last one drops the data. */
    static synchronized void release(String name) {
        Shared shared = BY_NAME.get(name);
        if (shared != null && --shared.handles == 0) {
            BY_NAME.remove(name);
        }
    }

    /** How many handles are open on {@code name}; 0 when the name holds no data. */
    static synchronized int handles(String name) {
        Shared shared = BY_NAME.get(name);
        return shared == null ? 0 : shared.handles;
    }
}
