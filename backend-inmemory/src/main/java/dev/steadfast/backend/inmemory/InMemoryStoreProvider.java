package dev.steadfast.backend.inmemory;

import dev.steadfast.spi.Names;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StoreProvider;
import dev.steadfast.spi.StoreSpec;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens volatile stores that live in this JVM's heap: scheme {@code memory:}, the reference implementation of the
 * store SPI and the ceiling for speed.
 *
 * <ul>
 *   <li>{@code memory:} opens a fresh, private, empty store each time; its data is gone when it is closed.</li>
 *   <li>{@code memory:name} opens a handle on the store called {@code name}, shared by every handle on that name in
 *       this JVM: writes through one are seen by all, and guards hold across them. The store lives while at least
 *       one handle on it is open; <b>when the last handle is closed its data is dropped</b>, and the next
 *       {@code memory:name} starts empty.</li>
 * </ul>
 *
 * <p>Stores are thread-safe, not durable, not shared across processes, not encrypted, and accept payloads of up
 * to {@value #MAX_PAYLOAD_BYTES} bytes. No options are known; any option is rejected.
 */
public final class InMemoryStoreProvider implements StoreProvider {
    /** The largest payload, snapshot or record value accepted: 16 MiB. */
    public static final int MAX_PAYLOAD_BYTES = 16 << 20;

    private static final AtomicLong PRIVATE_STORES = new AtomicLong();

    /** For {@link java.util.ServiceLoader}; cheap. */
    public InMemoryStoreProvider() {
    }

    /** {@code "memory"}. */
    @Override
    public String scheme() {
        return "memory";
    }

    @Override
    public String description() {
        return "in-memory store (dev.steadfast:steadfast-backend-inmemory)";
    }

    /**
     * Opens a private store for {@code memory:} or a handle on the named shared store for {@code memory:name}.
     *
     * @throws StoreConfigurationException if the scheme is not {@code memory}, an option is given, or the name is
     *                                     not a valid {@linkplain Names name}
     */
    @Override
    public Store open(StoreSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (!scheme().equals(spec.scheme())) {
            throw new StoreConfigurationException(
                    "store " + spec + " has scheme '" + spec.scheme() + "', this provider opens 'memory:' stores");
        }
        spec.requireKnownOptions(Set.of());
        String name = spec.location();
        if (name.isEmpty()) {
            String location = "memory:(private #" + PRIVATE_STORES.incrementAndGet() + ")";
            return new InMemoryStore(new MemoryState(), descriptor(location), () -> { });
        }
        try {
            Names.require("memory store name", name);
        } catch (IllegalArgumentException e) {
            throw new StoreConfigurationException("store " + spec + " has an invalid name: " + e.getMessage(), e);
        }
        MemoryState state = NamedStates.acquire(name);
        return new InMemoryStore(state, descriptor("memory:" + name), () -> NamedStates.release(name));
    }

    private static StoreDescriptor descriptor(String location) {
        // applyAll validates every batch before it takes the write lock.
        return new StoreDescriptor("memory", location, false, false, false, MAX_PAYLOAD_BYTES, true);
    }
}
