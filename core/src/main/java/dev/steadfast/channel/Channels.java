package dev.steadfast.channel;

import dev.steadfast.fence.Claim;
import dev.steadfast.fence.FenceTokens;
import dev.steadfast.fence.Fences;
import dev.steadfast.fence.OwnershipFence;
import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Names;
import dev.steadfast.spi.Store;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Channels kept in a {@link Store}: the durable {@link ChannelPersistence}.
 *
 * <p>Channel {@code id} is the record namespace {@code channel/<id>} (one scan reads it, one
 * {@code DropNamespace} drops it) and the ownership fence of the same name. Steps of all channels are committed
 * by one commit thread that hands whatever has queued to the store in one {@code applyAll}: give it
 * {@code Steadfast#store()} and those calls also join the core's group commit. Reads (open, load, list) run on a
 * small pool of daemon threads, so no async call blocks its caller.
 *
 * <pre>{@code
 * try (Channels channels = new Channels(steadfast.store(), steadfast.clock(), new ChannelOptions(500))) {
 *     Channel chat = channels.open("chat", "node-1").orElseThrow();
 *     chat.applyAsync(new ChannelStep.Deliver(message)).thenAccept(r -> ...);
 * }
 * }</pre>
 *
 * <p>Thread-safe. Closing stops the threads, not the store.
 */
public final class Channels implements ChannelPersistence {
    /** The most steps handed to the store in one call. */
    static final int MAX_GROUP = 256;

    private final Store store;
    private final Clock clock;
    private final ChannelOptions options;
    private final Fences fences;
    private final StepCommitter committer;
    private final ExecutorService readers;

    /**
     * Channels over {@code store} with {@linkplain ChannelOptions#defaults() default options} and unkeyed fence
     * tokens.
     *
     * @param store where channels live
     * @param clock stamps sends and times repairs
     */
    public Channels(Store store, Clock clock) {
        this(store, clock, ChannelOptions.defaults());
    }

    /**
     * Channels over {@code store} timed by {@code clock}, with unkeyed fence tokens.
     *
     * @param store   where channels live
     * @param clock   stamps sends and times repairs
     * @param options how channels are kept, for example the history cap
     */
    public Channels(Store store, Clock clock, ChannelOptions options) {
        this(store, clock, options, FenceTokens.unkeyed());
    }

    /**
     * Channels over {@code store} timed by {@code clock}, with the given fence tokens.
     *
     * @param store   where channels live
     * @param clock   stamps sends and times repairs
     * @param options how channels are kept, for example the history cap
     * @param tokens  the scheme every process over this store uses, usually {@link FenceTokens#hmac(byte[])}
     */
    public Channels(Store store, Clock clock, ChannelOptions options, FenceTokens tokens) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.fences = new Fences(store, Objects.requireNonNull(tokens, "tokens"));
        this.committer = new StepCommitter(store, MAX_GROUP);
        this.readers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "steadfast-channel-read");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The name channel {@code channelId}'s fence and records are stored under, for tools that read the store.
     *
     * @param channelId the channel's id
     * @return {@code channel/<id>}
     */
    public static String fenceName(String channelId) {
        return ChannelLayout.name(channelId);
    }

    @Override
    public ChannelOptions options() {
        return options;
    }

    @Override
    public CompletionStage<Claim<Channel>> openAsync(String channelId, String owner) {
        String name = ChannelLayout.name(channelId);
        Names.require("channel owner", owner);
        return read(() -> {
            Claim<OwnershipFence> claim = fences.claimNext(name, owner);
            if (claim instanceof Claim.Rejected<OwnershipFence> r) {
                return Claim.rejected(r.error());
            }
            // Loaded after the claim committed: from then on no earlier owner's step can land.
            ChannelState state = ChannelLoader.load(store, channelId);
            return Claim.granted(new Channel(claim.orElseThrow(), state, clock, options.historyCap(), committer,
                    true));
        });
    }

    @Override
    public CompletionStage<ChannelState> loadChannelAsync(String channelId) {
        ChannelLayout.name(channelId);
        return read(() -> ChannelLoader.load(store, channelId));
    }

    @Override
    public CompletionStage<List<String>> listChannelsAsync() {
        return read(() -> store.listNamespaces(ChannelLayout.PREFIX).stream().map(ChannelLayout::channelId)
                .toList());
    }

    @Override
    public void close() {
        committer.close();
        readers.shutdown();
    }

    private <T> CompletionStage<T> read(Supplier<T> read) {
        return CompletableFuture.supplyAsync(read, readers);
    }

    @Override
    public String toString() {
        return "Channels[" + store + ", " + options + "]";
    }
}
