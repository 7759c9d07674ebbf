package dev.steadfast;

import dev.steadfast.events.SteadfastListener;
import dev.steadfast.internal.GroupCommitStore;
import dev.steadfast.internal.Observer;
import dev.steadfast.internal.ProviderDiscovery;
import dev.steadfast.internal.TransportDiscovery;
import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.StoreProvider;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.transport.Transport;
import dev.steadfast.spi.transport.TransportProvider;
import dev.steadfast.spi.transport.TransportSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The plain-Java entry point: an open store, chosen by URI, with group commit in front of it, and the clock the
 * domains read.
 *
 * <pre>{@code
 * try (Steadfast steadfast = Steadfast.open("sqlite:./data/app.db")) {
 *     WriteResult result = steadfast.store().apply(batch);
 * }
 * }</pre>
 *
 * <p>The backend is found by the URI's scheme among the {@link StoreProvider}s listed in
 * {@code META-INF/services/dev.steadfast.spi.StoreProvider} (add the backend's artifact to the class path), or
 * given in code with {@link Builder#provider} or {@link Builder#wrap}. Selection never falls back silently.
 *
 * <p>Durability is the backend's: a batch reported committed by {@link #store()} is durable exactly when
 * {@link #descriptor()} says the store is durable, and group commit never reports a batch before the store call
 * carrying it has returned. Thread-safe.
 */
public final class Steadfast implements AutoCloseable {
    private static final System.Logger LOGGER = System.getLogger(Steadfast.class.getName());

    private final GroupCommitStore store;
    private final Clock clock;
    private final Transport transport;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Steadfast(GroupCommitStore store, Clock clock, Transport transport) {
        this.store = store;
        this.clock = clock;
        this.transport = transport;
    }

    /**
     * Opens the store {@code uri} names, with the system clock and default group commit.
     *
     * @param uri for example {@code memory:}, {@code sqlite:./data/app.db}, {@code postgresql://db:5432/app}
     * @return the open store; the caller closes it
     * @throws StoreConfigurationException if the URI is malformed, no provider or several serve its scheme (the
     *                                     message lists what was found and which artifact to add), or the
     *                                     backend rejects the location or options
     * @throws StoreException              if the backend cannot open the store; nothing stored was changed
     */
    public static Steadfast open(String uri) {
        return builder().open(uri);
    }

    /**
     * Starts options other than the defaults: a clock, group commit settings, a class loader, providers, a
     * transport or a listener.
     *
     * @return a new builder with every option at its default
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The store, with group commit in front of the backend. Closing it closes the backend too; prefer
     * {@link #close()}.
     *
     * @return the same store for the life of this instance
     */
    public Store store() {
        return store;
    }

    /** {@return the clock the domains read; {@link Clock#system()} unless the builder was given another} */
    public Clock clock() {
        return clock;
    }

    /**
     * The transport for replication and failover, when the builder was given one ({@link Builder#transport}); it is
     * closed with this instance.
     *
     * @return the open transport, or empty when none was asked for
     */
    public Optional<Transport> transport() {
        return Optional.ofNullable(transport);
    }

    /** {@return what the store is and promises, notably whether a committed batch is durable} */
    public StoreDescriptor descriptor() {
        return store.descriptor();
    }

    /** {@return the counters of the group committer so far: store calls made and batches carried} */
    public GroupCommitStats groupCommitStats() {
        return store.stats();
    }

    /**
     * Stops group commit (queued writers get {@link dev.steadfast.spi.StoreClosedException}, the commit in flight
     * finishes) and closes the store. Committed batches stay as durable as the store promises. Idempotent.
     */
    @Override
    public void close() {
        try {
            store.close();
            if (closed.compareAndSet(false, true)) {
                LOGGER.log(System.Logger.Level.INFO, () -> "store closed: " + describe(descriptor()));
                store.observer().detach(descriptor());
            }
        } finally {
            if (transport != null) {
                transport.close();
            }
        }
    }

    /** What an operator needs to know of an open store; the location is printable by the descriptor's contract. */
    private static String describe(StoreDescriptor d) {
        return "scheme " + d.scheme() + ", location " + d.location() + ", " + (d.durable() ? "durable" : "not durable")
                + (d.crashLossWindowMillis() > 0 ? ", a killed process may lose batches acknowledged in its last "
                        + d.crashLossWindowMillis() + " ms" : "")
                + (d.encrypted() ? ", encrypted" : "") + (d.sharedAcrossProcesses() ? ", shared across processes" : "")
                + (d.formatVersion() > 0 ? ", format version " + d.formatVersion() : ", no versioned format");
    }

    private static Steadfast opened(GroupCommitStore store, Clock clock, Transport transport) {
        store.observer().attach(store);
        LOGGER.log(System.Logger.Level.INFO, () -> "store opened: " + describe(store.descriptor()));
        return new Steadfast(store, clock, transport);
    }

    @Override
    public String toString() {
        return "Steadfast[" + descriptor().scheme() + " store " + descriptor().location() + "]";
    }

    /** Options for opening a {@link Steadfast}; not thread-safe, reusable. */
    public static final class Builder {
        private Clock clock = Clock.system();
        private GroupCommitSettings groupCommit = GroupCommitSettings.defaults();
        private ClassLoader classLoader;
        private final Map<String, StoreProvider> providers = new LinkedHashMap<>();
        private String transportUri;
        private TransportProvider transportProvider;
        private SteadfastListener listener;

        private Builder() {
        }

        /**
         * Tells {@code listener} of the store's opening and closing, its group commits and write outcomes, what its
         * backend reports of its own mechanics (the backend is asked to report only when a listener is given), and
         * the takeovers, lease renewals and session recoveries of the domain services built over
         * {@link Steadfast#store()}; none by default.
         *
         * @param listener called on the threads that do the work, so it must be quick and must not throw
         * @return this builder
         */
        public Builder listener(SteadfastListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Sets the clock handed to the domains (leases, linger, timestamps); {@link Clock#system()} by default.
         *
         * @param clock a {@link dev.steadfast.spi.ManualClock} in tests
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets how writes are grouped; {@link GroupCommitSettings#defaults()} by default.
         *
         * @param settings {@link GroupCommitSettings#disabled()} to send every batch straight to the store
         * @return this builder
         */
        public Builder groupCommit(GroupCommitSettings settings) {
            this.groupCommit = Objects.requireNonNull(settings, "group commit settings");
            return this;
        }

        /**
         * Where {@link java.util.ServiceLoader} looks for store providers; by default the thread's context class
         * loader, or this library's loader when there is none.
         *
         * @param loader the loader that sees the backend artifacts
         * @return this builder
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "class loader");
            return this;
        }

        /**
         * Serves {@code provider.scheme()} with {@code provider} instead of looking the scheme up on the class
         * path: a custom backend plugged in by code.
         *
         * @param provider the provider to use for its own scheme
         * @return this builder
         * @throws IllegalArgumentException if another provider was already given for the same scheme
         */
        public Builder provider(StoreProvider provider) {
            Objects.requireNonNull(provider, "provider");
            String scheme = Objects.requireNonNull(provider.scheme(), "provider scheme");
            StoreProvider previous = providers.putIfAbsent(scheme, provider);
            if (previous != null && previous != provider) {
                throw new IllegalArgumentException("scheme '" + scheme + "' is already served by "
                        + previous.getClass().getName() + ", cannot also use " + provider.getClass().getName());
            }
            return this;
        }

        /**
         * Opens the transport {@code uri} names (for example {@code inproc:lab} or {@code tcp://0.0.0.0:7000}) with
         * the store, found by its scheme among the {@link TransportProvider}s on the class path, or served by the
         * provider given with {@link #transportProvider}. Without it, {@link Steadfast#transport()} is empty.
         *
         * @param uri the transport's address; opened only by {@link #open} or {@link #wrap}
         * @return this builder
         * @throws dev.steadfast.spi.transport.TransportConfigurationException at {@link #open} if the URI is
         *         malformed or no provider or several serve its scheme (the message lists what was found and which
         *         artifact to add)
         */
        public Builder transport(String uri) {
            this.transportUri = Objects.requireNonNull(uri, "transport URI");
            return this;
        }

        /**
         * Serves the transport URI's scheme with {@code provider} instead of looking it up on the class path; used
         * only when its scheme is the URI's.
         *
         * @param provider the transport provider plugged in by code
         * @return this builder
         */
        public Builder transportProvider(TransportProvider provider) {
            this.transportProvider = Objects.requireNonNull(provider, "transport provider");
            return this;
        }

        /**
         * Opens the store {@code uri} names; see {@link Steadfast#open(String)}.
         *
         * @param uri the store's URI, for example {@code sqlite:./data/app.db}
         * @return the open store with these options; the caller closes it
         * @throws StoreConfigurationException if the store cannot be selected or its URI is invalid
         * @throws StoreException              if the backend cannot open the store
         */
        public Steadfast open(String uri) {
            StoreSpec spec = StoreSpec.parse(uri);
            StoreProvider provider = providers.get(spec.scheme());
            if (provider == null) {
                provider = ProviderDiscovery.find(loader(), LOGGER, spec);
            }
            Transport transport = openTransport();
            try {
                Store store = openWith(provider, spec);
                try {
                    return opened(new GroupCommitStore(store, groupCommit, new Observer(listener)), clock,
                            transport);
                } catch (RuntimeException e) {
                    store.close();
                    throw e;
                }
            } catch (RuntimeException e) {
                if (transport != null) {
                    transport.close();
                }
                throw e;
            }
        }

        /**
         * Puts group commit in front of an already open store, which the result then owns (closing the result
         * closes it).
         *
         * @param store an open store; closed here if the transport cannot be opened
         * @return the store with group commit in front of it and these options
         */
        public Steadfast wrap(Store store) {
            Objects.requireNonNull(store, "store");
            Transport transport;
            try {
                transport = openTransport();
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
            return opened(new GroupCommitStore(store, groupCommit, new Observer(listener)), clock, transport);
        }

        private Transport openTransport() {
            if (transportUri == null) {
                return null;
            }
            TransportSpec spec = TransportSpec.parse(transportUri);
            TransportProvider chosen = transportProvider != null && transportProvider.scheme().equals(spec.scheme())
                    ? transportProvider : TransportDiscovery.select(spec, loader(), LOGGER);
            return Objects.requireNonNull(chosen.open(spec, clock), () -> "transport provider "
                    + chosen.getClass().getName() + " returned no transport for " + spec);
        }

        private ClassLoader loader() {
            if (classLoader != null) {
                return classLoader;
            }
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return context != null ? context : Steadfast.class.getClassLoader();
        }

        private static StoreException refused(StoreSpec spec, StoreException e) {
            // Only the scheme: a location may carry credentials, and the backend's message may quote it.
            LOGGER.log(System.Logger.Level.WARNING, () -> "store refused to open: scheme " + spec.scheme() + " ("
                    + e.getClass().getSimpleName() + ")");
            return e;
        }

        private static Store openWith(StoreProvider provider, StoreSpec spec) {
            Store store;
            try {
                store = provider.open(spec);
            } catch (StoreException e) {
                throw refused(spec, e);
            } catch (IllegalArgumentException e) {
                throw refused(spec, new StoreConfigurationException("store " + spec + " was rejected by "
                        + provider.getClass().getName() + ": " + e.getMessage(), e));
            } catch (RuntimeException e) {
                throw refused(spec, new StoreException("store provider " + provider.getClass().getName()
                        + " failed to open store " + spec + ": " + e, e));
            }
            if (store == null) {
                throw new StoreConfigurationException(
                        "store provider " + provider.getClass().getName() + " returned no store for " + spec);
            }
            return store;
        }
    }
}
