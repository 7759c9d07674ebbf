package dev.steadfast.channel;

import dev.steadfast.fence.Claim;
import dev.steadfast.fence.OwnershipFence;
import dev.steadfast.spi.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The persistence that keeps nothing: handles track their state in memory only and every load is empty. */
final class NoOpChannels implements ChannelPersistence {
    private final ChannelOptions options;

    NoOpChannels(ChannelOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public ChannelOptions options() {
        return options;
    }

    @Override
    public CompletionStage<Claim<Channel>> openAsync(String channelId, String owner) {
        OwnershipFence fence = new OwnershipFence(ChannelLayout.name(channelId), owner, 1, "");
        return CompletableFuture.completedFuture(Claim.granted(new Channel(fence, ChannelState.empty(channelId),
                Clock.system(), options.historyCap(), StepSink.DISCARD, false)));
    }

    @Override
    public CompletionStage<ChannelState> loadChannelAsync(String channelId) {
        return CompletableFuture.completedFuture(ChannelState.empty(channelId));
    }

    @Override
    public CompletionStage<List<String>> listChannelsAsync() {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public void close() {
        // nothing to release
    }
}
