package dev.steadfast.channel;

import dev.steadfast.fence.Claim;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The persistence a causal-delivery reliability protocol keeps per channel: lamport clock, delivered history
 * (insertion order, FIFO eviction at a cap), retrieval hints, outgoing unacknowledged buffer, incoming buffer of
 * messages waiting for dependencies, and repair buffers with absolute deadlines.
 *
 * <p>Every read and write has an asynchronous form returning a {@link CompletionStage}, for callers on an event
 * loop, and a blocking form. A stage completes exceptionally on a fault (a {@link dev.steadfast.spi.StoreException}
 * or a bad argument); nothing is swallowed. {@link Channels} keeps channels in a {@link dev.steadfast.spi.Store};
 * {@link #noOp(ChannelOptions)} keeps them only in memory, for callers that need no durability.
 */
public interface ChannelPersistence extends AutoCloseable {

    /**
     * A persistence that writes nothing and reads every channel as empty; steps still update the handles. For
     * measuring the protocol without storage, never for data that must survive.
     *
     * @param options the options handles are opened with
     * @return the no-op persistence
     */
    static ChannelPersistence noOp(ChannelOptions options) {
        return new NoOpChannels(options);
    }

    /** {@return how channels are kept} */
    ChannelOptions options();

    /**
     * Takes channel {@code channelId} for {@code owner} at the next epoch of its fence (the previous holder, a
     * crashed process say, is fenced out from then on) and reads its whole state.
     *
     * @param channelId the channel's id
     * @param owner     this process's name
     * @return the handle, or why the claim was refused (another claim won the race)
     */
    CompletionStage<Claim<Channel>> openAsync(String channelId, String owner);

    /**
     * {@link #openAsync}, waiting.
     *
     * @param channelId the channel's id
     * @param owner     this process's name
     * @return the handle, or why the claim was refused (another claim won the race)
     */
    default Claim<Channel> open(String channelId, String owner) {
        return join(openAsync(channelId, owner));
    }

    /**
     * The channel's whole state in one consistent read, empty if nothing is stored; reading takes no ownership.
     *
     * @param channelId the channel's id
     * @return completes with the state
     */
    CompletionStage<ChannelState> loadChannelAsync(String channelId);

    /**
     * {@link #loadChannelAsync}, waiting.
     *
     * @param channelId the channel's id
     * @return the state, empty if nothing is stored
     */
    default ChannelState loadChannel(String channelId) {
        return join(loadChannelAsync(channelId));
    }

    /** {@return completes with the ids of the channels that hold any state, in code point order} */
    CompletionStage<List<String>> listChannelsAsync();

    /** {@return the ids of the channels that hold any state, in code point order; see {@link #listChannelsAsync}} */
    default List<String> listChannels() {
        return join(listChannelsAsync());
    }

    /** Stops the commit thread: queued steps fail, the one in flight finishes. Does not close the store. */
    @Override
    void close();

    private static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
