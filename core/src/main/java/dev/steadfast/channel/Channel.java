package dev.steadfast.channel;

import dev.steadfast.fence.Fences;
import dev.steadfast.fence.OwnershipFence;
import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Conflict;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * One owner's handle on a channel: its committed state and the protocol steps that change it.
 *
 * <p><b>Atomicity.</b> Each step (and {@link #dropAsync()}) is one batch carrying the guard "the channel's fence is
 * still at my epoch", so it applies whole or not at all, and not at all once another owner opened the channel
 * ({@link StepResult.Refused}).
 *
 * <p><b>Asynchrony.</b> {@link #applyAsync} never blocks: steps of one handle run in call order, each planned
 * against the state its predecessor committed, and steps of all channels of one {@link ChannelPersistence} share
 * commits. The stage completes once the step is durable, on the commit thread (chain with {@code *Async} methods
 * to run long callbacks elsewhere). A fault completes it exceptionally and is never swallowed; a step that does not
 * fit the state completes it with an {@link IllegalArgumentException}.
 *
 * <p><b>Memory follows disk.</b> {@link #state()} changes only after a step committed. After a fault whose outcome
 * the store could not tell, this handle refuses further steps ({@link IllegalStateException}); open the channel
 * again to read what the store holds.
 *
 * <p>Thread-safe.
 */
public final class Channel {
    private final OwnershipFence fence;
    private final Clock clock;
    private final int cap;
    private final StepSink sink;
    private final boolean guarded;
    private volatile ChannelState state;
    private volatile RuntimeException broken;
    private CompletableFuture<StepResult> tail = CompletableFuture.completedFuture(null); // guarded by this

    Channel(OwnershipFence fence, ChannelState state, Clock clock, int cap, StepSink sink, boolean guarded) {
        this.fence = fence;
        this.state = state;
        this.clock = clock;
        this.cap = cap;
        this.sink = sink;
        this.guarded = guarded;
    }

    /** {@return the channel's id} */
    public String id() {
        return state.channelId();
    }

    /** {@return the ownership this handle writes under; every step is guarded by it} */
    public OwnershipFence fence() {
        return fence;
    }

    /** {@return the state as of the last committed step of this handle} */
    public ChannelState state() {
        return state;
    }

    /**
     * Queues {@code step}; see the class comment for ordering, durability and failures.
     *
     * @param step the change to make
     * @return completes once the step is durable or refused; completes exceptionally on bad input or a store fault
     */
    public CompletionStage<StepResult> applyAsync(ChannelStep step) {
        Objects.requireNonNull(step, "step");
        return enqueue(current -> {
            Draft draft = StepPlanner.plan(current, step, cap);
            return new Planned(draft.ops(), draft.result());
        });
    }

    /**
     * Applies {@code step} and waits until it is durable.
     *
     * @param step the change to make
     * @return committed with the new state, or refused because another owner holds the channel
     * @throws IllegalArgumentException if the step does not fit the channel's state
     * @throws dev.steadfast.spi.StoreException on a fault of the store
     * @throws IllegalStateException if called from a step's callback on the commit thread (it would deadlock)
     */
    public StepResult apply(ChannelStep step) {
        refuseOnCommitThread();
        return await(applyAsync(step));
    }

    /**
     * Sends {@code message} now by this channel's clock: {@link ChannelStep.Send}.
     *
     * @param message the message sent
     * @return as for {@link #applyAsync}
     */
    public CompletionStage<StepResult> sendAsync(Message message) {
        return applyAsync(new ChannelStep.Send(message, clock.millis()));
    }

    /**
     * Removes everything of the channel in one atomic write; the handle stays open on an empty channel, whose
     * lamport clock starts at 0 again.
     *
     * @return as for {@link #applyAsync}
     */
    public CompletionStage<StepResult> dropAsync() {
        String namespace = ChannelLayout.name(id());
        return enqueue(current -> new Planned(List.of(new WriteOp.DropNamespace(namespace)),
                ChannelState.empty(current.channelId())));
    }

    /**
     * {@link #dropAsync()}, waiting until the drop is durable.
     *
     * @return committed with the empty state, or refused because another owner holds the channel
     */
    public StepResult drop() {
        refuseOnCommitThread();
        return await(dropAsync());
    }

    /** A step's writes and the state once they committed. */
    private record Planned(List<WriteOp> ops, ChannelState next) {
    }

    private synchronized CompletionStage<StepResult> enqueue(Function<ChannelState, Planned> plan) {
        CompletableFuture<StepResult> result = tail.handle((r, e) -> null).thenCompose(ignored -> run(plan));
        tail = result;
        return result.minimalCompletionStage();
    }

    private CompletableFuture<StepResult> run(Function<ChannelState, Planned> plan) {
        CompletableFuture<StepResult> out = new CompletableFuture<>();
        if (broken != null) {
            out.completeExceptionally(new IllegalStateException("channel '" + id() + "' took no step since one "
                    + "whose outcome is unknown failed (" + broken.getMessage() + "); open it again", broken));
            return out;
        }
        WriteBatch batch;
        ChannelState after;
        try {
            Planned planned = plan.apply(state);
            WriteBatch.Builder b = WriteBatch.builder();
            if (guarded) {
                b.guard(fence.guard());
            }
            planned.ops().forEach(b::op);
            batch = b.build();
            after = planned.next();
        } catch (RuntimeException e) {
            out.completeExceptionally(e);
            return out;
        }
        sink.submit(batch).whenComplete((result, error) -> {
            if (error != null) {
                RuntimeException cause = unwrap(error);
                if (!(cause instanceof IllegalArgumentException)) {
                    broken = cause;
                }
                out.completeExceptionally(cause);
            } else {
                try {
                    out.complete(outcome(result, after));
                } catch (RuntimeException e) {
                    broken = e;
                    out.completeExceptionally(e);
                }
            }
        });
        return out;
    }

    private StepResult outcome(WriteResult result, ChannelState after) {
        if (result.isCommitted()) {
            state = after;
            return new StepResult.Committed(after);
        }
        if (result instanceof FencedOut f) {
            return new StepResult.Refused(Fences.superseded(fence, f));
        }
        throw new IllegalStateException("a channel step has no journal guard, yet the store answered "
                + ((Conflict) result).message());
    }

    /** Checked before queuing anything, so the refused call leaves no step behind. */
    private void refuseOnCommitThread() {
        if (sink.isCommitThread()) {
            throw new IllegalStateException("a blocking call on channel '" + id() + "' from the commit thread would "
                    + "wait for itself; use the async form inside step callbacks");
        }
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException
                || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(t);
    }

    @Override
    public String toString() {
        return "Channel[" + id() + ", " + fence + "]";
    }
}
