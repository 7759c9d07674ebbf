package dev.steadfast;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.steadfast.channel.ChannelOptions;
import dev.steadfast.channel.ChannelPersistence;
import dev.steadfast.channel.Channels;
import dev.steadfast.events.SteadfastListener;
import dev.steadfast.fence.FenceTokens;
import dev.steadfast.fence.Fences;
import dev.steadfast.fence.Leases;
import dev.steadfast.internal.DefaultFenceTokens;
import dev.steadfast.pipeline.PipelineOptions;
import dev.steadfast.pipeline.Pipelines;
import dev.steadfast.session.Sessions;
import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.transport.Transport;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.Objects;

/**
 * The Guice entry point: binds {@link Steadfast}, its group-committing {@link Store}, the {@link StoreDescriptor},
 * the {@link Clock} and the domain services {@link Fences}, {@link Leases}, {@link Sessions}, {@link Pipelines} and
 * {@link Channels} (also as {@link ChannelPersistence}, kept as the overridable {@link ChannelOptions} say), each a
 * singleton.
 *
 * <p>Fence tokens default to {@link FenceTokens#unkeyed()}, a deterministic digest that is not secret (logged as a
 * warning once per JVM); bind {@code FenceTokens} to {@link FenceTokens#hmac(byte[])} with a configured secret
 * (through {@code Modules.override}) when tokens must prove a grant.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new SteadfastModule("sqlite:./data/app.db"));
 * // in tests:
 * Guice.createInjector(Modules.override(new SteadfastModule("memory:"))
 *         .with(b -> b.bind(Clock.class).toInstance(new ManualClock())));
 * }</pre>
 *
 * <p>Built from a URI, the module opens the store when {@link Steadfast} is first needed, with the bound
 * {@link Clock} (so an overriding clock reaches it too); the store stays open until {@code Steadfast.close()}
 * is called, which the application does at shutdown. Built from an open {@link Steadfast}, the module binds that
 * instance and its clock and never closes it. A {@code Store} binding may be overridden with a custom
 * implementation; {@code StoreDescriptor} then follows it. Durability is the bound store's, as its descriptor says.
 *
 * <p>{@link Transport} is bound only when one is configured: {@link #withTransport(String)} on a URI module, or a
 * {@link Steadfast} built with {@code Steadfast.builder().transport(uri)}. It belongs to {@link Steadfast} and closes
 * with it.
 */
public final class SteadfastModule extends AbstractModule {
    private final String uri;
    private final Steadfast steadfast;
    private final String transportUri;
    private final SteadfastListener listener;

    /**
     * A module that opens the store {@code uri} names when the injector is created; see
     * {@link Steadfast#open(String)}.
     *
     * @param uri the store's URI, for example {@code sqlite:./data/app.db}
     */
    public SteadfastModule(String uri) {
        this(Objects.requireNonNull(uri, "store URI"), null, null, null);
    }

    /**
     * A module that binds an already open {@code steadfast}, its store and its clock.
     *
     * @param steadfast stays owned by the caller, who closes it
     */
    public SteadfastModule(Steadfast steadfast) {
        this(null, Objects.requireNonNull(steadfast, "steadfast"), null, null);
    }

    private SteadfastModule(String uri, Steadfast steadfast, String transportUri, SteadfastListener listener) {
        this.uri = uri;
        this.steadfast = steadfast;
        this.transportUri = transportUri;
        this.listener = listener;
    }

    /**
     * This module, telling {@code listener} what the store and the bound domain services do; see
     * {@link Steadfast.Builder#listener}.
     *
     * @param listener called on the threads that do the work, so it must be quick and must not throw
     * @return a new module; this one is unchanged
     * @throws IllegalStateException if the module binds an already open {@link Steadfast} (configure its builder)
     */
    public SteadfastModule withListener(SteadfastListener listener) {
        Objects.requireNonNull(listener, "listener");
        requireUriModule("listener", "listener(listener)");
        return new SteadfastModule(uri, null, transportUri, listener);
    }

    /**
     * This module, also opening the transport {@code transportUri} names and binding {@link Transport}; see
     * {@link Steadfast.Builder#transport(String)}.
     *
     * @param transportUri for example {@code inproc:lab} or {@code tcp://0.0.0.0:7000}
     * @return a new module; this one is unchanged

     * @throws IllegalStateException if the module binds an already open {@link Steadfast} (configure its builder)
     */
    public SteadfastModule withTransport(String transportUri) {
        Objects.requireNonNull(transportUri, "transport URI");
        requireUriModule("transport", "transport(uri)");
        return new SteadfastModule(uri, null, transportUri, listener);
    }

    /** Options of opening belong to the builder of an already open {@link Steadfast}, not to this module. */
    private void requireUriModule(String option, String builderCall) {
        if (steadfast != null) {
            throw new IllegalStateException("this module binds an open Steadfast; give the " + option
                    + " to Steadfast.builder()." + builderCall + " instead");
        }
    }

    @Override
    protected void configure() {
        if (transportUri != null || (steadfast != null && steadfast.transport().isPresent())) {
            bind(Transport.class).toProvider(SteadfastTransport.class).in(Singleton.class);
        }
    }

    /** The transport of the bound {@link Steadfast}. */
    static final class SteadfastTransport implements Provider<Transport> {
        private final Steadfast steadfast;

        @Inject
        SteadfastTransport(Steadfast steadfast) {
            this.steadfast = steadfast;
        }

        @Override
        public Transport get() {
            return steadfast.transport().orElseThrow();
        }
    }

    /** The clock: {@link Clock#system()}, or the open {@link Steadfast}'s clock. */
    @Provides
    @Singleton
    Clock clock() {
        return steadfast != null ? steadfast.clock() : Clock.system();
    }

    /** The entry point, opened on first use with the bound clock. */
    @Provides
    @Singleton
    Steadfast steadfast(Clock clock) {
        if (steadfast != null) {
            return steadfast;
        }
        Steadfast.Builder builder = Steadfast.builder().clock(clock);
        if (listener != null) {
            builder.listener(listener);
        }
        return (transportUri == null ? builder : builder.transport(transportUri)).open(uri);
    }

    /** The group-committing store. */
    @Provides
    @Singleton
    Store store(Steadfast opened) {
        return opened.store();
    }

    /** The descriptor of whichever {@link Store} is bound. */
    @Provides
    @Singleton
    StoreDescriptor descriptor(Store store) {
        return store.descriptor();
    }

    /** The token scheme of fences; unkeyed unless overridden. */
    @Provides
    @Singleton
    FenceTokens fenceTokens() {
        return DefaultFenceTokens.unkeyed("SteadfastModule (no FenceTokens bound)");
    }

    /** Ownership fences over the bound store. */
    @Provides
    @Singleton
    Fences fences(Store store, FenceTokens tokens) {
        return new Fences(store, tokens);
    }

    /** Leases on the bound clock. */
    @Provides
    @Singleton
    Leases leases(Store store, Clock clock, FenceTokens tokens) {
        return new Leases(store, clock, tokens);
    }

    /** Durable sessions on the bound store and clock. */
    @Provides
    @Singleton
    Sessions sessions(Store store, Clock clock, FenceTokens tokens) {
        return new Sessions(store, clock, tokens);
    }

    /** Pipeline checkpoint logs on the bound store and clock, with default retention. */
    @Provides
    @Singleton
    Pipelines pipelines(Store store, Clock clock, FenceTokens tokens) {
        return new Pipelines(store, clock, PipelineOptions.DEFAULTS, tokens);
    }

    /** How bound channels are kept: {@link ChannelOptions#defaults()} unless overridden. */
    @Provides
    @Singleton
    ChannelOptions channelOptions() {
        return ChannelOptions.defaults();
    }

    /**
     * Durable channels on the bound store (so their steps join its group commit) and clock. They own a commit
     * thread: close them before {@link Steadfast} at shutdown, or steps still queued fail with the closed store.
     */
    @Provides
    @Singleton
    Channels channels(Store store, Clock clock, ChannelOptions options, FenceTokens tokens) {
        return new Channels(store, clock, options, tokens);
    }

    /** The channel persistence a protocol depends on: the bound {@link Channels}. */
    @Provides
    @Singleton
    ChannelPersistence channelPersistence(Channels channels) {
        return channels;
    }

    @Override
    public String toString() {
        return "SteadfastModule[" + (steadfast != null ? steadfast : uri) + "]";
    }
}
