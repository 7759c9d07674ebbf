package dev.steadfast.channel;

import static dev.steadfast.channel.ChannelTesting.ALL;
import static dev.steadfast.channel.ChannelTesting.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import dev.steadfast.fence.OwnershipError;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.StoreIOException;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Faults, stale owners and shared commits, on every backend. */
class ChannelFaultTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void aFaultInjectedMidStepLeavesThePreStepStateOnDiskAndInMemory(Backend backend, @TempDir Path dir)
            throws Exception {
        try (ChannelTesting.Rig rig = new ChannelTesting.Rig(backend, dir, 3)) {
            Channel c = rig.open("faulty");
            for (int i = 1; i <= 3; i++) {
                c.apply(new ChannelStep.Deliver(msg("m" + i, "bob", i)));
            }
            c.apply(new ChannelStep.Await(new Waiting(msg("m5", "bob", 5, "m4"), Set.of("m4")),
                    List.of(new OutgoingRepair("m4", Bytes.empty(), 77))));
            ChannelState before = c.state();
            rig.store.failWhen(b -> b.operations().stream().anyMatch(op -> op instanceof WriteOp.PutRecord p
                    && p.key().bytes()[0] == 'h'));

            ExecutionException failed = assertThrows(ExecutionException.class, () -> ChannelTesting.await(
                    c.applyAsync(new ChannelStep.Deliver(msg("m4", "bob", 4)))));
            StoreIOException cause = assertInstanceOf(StoreIOException.class, failed.getCause());
            assertTrue(cause.getMessage().startsWith("injected"), cause.getMessage());
            assertEquals(before, c.state(), "memory changes only after a commit");
            IllegalStateException spoiled = assertThrows(IllegalStateException.class,
                    () -> c.apply(new ChannelStep.Acknowledge(Set.of("x"))));
            assertTrue(spoiled.getMessage().contains("open it again"), spoiled.getMessage());

            rig.store.failWhen(b -> false);
            assertEquals(before, rig.channels.loadChannel("faulty"), "the store holds the pre-step state");
            Channel reopened = rig.open("faulty");
            assertEquals(before, reopened.state());
            assertEquals(List.of("m2", "m3", "m4"),
                    reopened.apply(new ChannelStep.Deliver(msg("m4", "bob", 4))).orElseThrow().historyIds());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void aStaleOwnersStepIsRefusedByTheStoreAndChangesNothing(Backend backend, @TempDir Path dir) {
        try (RecordingStore store = new RecordingStore(backend.open(dir));
             Channels first = new Channels(store, new ManualClock(), new ChannelOptions(10));
             Channels second = new Channels(store, new ManualClock(), new ChannelOptions(10))) {
            Channel a = first.open("owned", "a").orElseThrow();
            ChannelState aState = a.apply(new ChannelStep.Send(msg("a1", "a", 1), 5)).orElseThrow();
            Channel b = second.open("owned", "b").orElseThrow();
            assertEquals(aState, b.state(), "the new owner starts from what the old one committed");

            StepResult late = a.apply(new ChannelStep.Send(msg("a2", "a", 2), 6));
            OwnershipError.Superseded why = assertInstanceOf(OwnershipError.Superseded.class,
                    assertInstanceOf(StepResult.Refused.class, late).error());
            assertEquals("owner 'a' of fence 'channel/owned' at epoch 1 was superseded by owner 'b' at epoch 2",
                    why.message());
            assertEquals(aState, a.state());
            assertTrue(a.drop() instanceof StepResult.Refused, "a stale owner cannot drop the channel either");
            assertEquals(aState, first.loadChannel("owned"));
            assertTrue(b.apply(new ChannelStep.Acknowledge(Set.of("a1"))).isCommitted());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void stepsOfManyChannelsQueuedDuringACommitShareTheNextOne(Backend backend, @TempDir Path dir)
            throws Exception {
        try (GatedStore store = new GatedStore(backend.open(dir));
             Channels channels = new Channels(store, new ManualClock(), new ChannelOptions(10))) {
            for (CompletionStage<StepResult> s : deliverBehindAHeldCommit(store, open(channels, 8), () -> { })) {
                assertTrue(ChannelTesting.await(s).isCommitted());
            }
            assertEquals(List.of(1, 7), store.callSizes(), "seven channels' steps went in one store call");
            for (int i = 0; i < 8; i++) {
                assertEquals(List.of("m"), channels.loadChannel("c" + i).historyIds());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void behindSteadfastsStoreTheSharedCommitJoinsTheCoresGroupCommit(Backend backend, @TempDir Path dir)
            throws Exception {
        GatedStore gated = new GatedStore(backend.open(dir));
        try (Steadfast steadfast = Steadfast.builder().clock(new ManualClock()).wrap(gated);
             Channels channels = new Channels(steadfast.store(), steadfast.clock(), new ChannelOptions(10))) {
            for (CompletionStage<StepResult> s : deliverBehindAHeldCommit(gated, open(channels, 5), () -> { })) {
                assertTrue(ChannelTesting.await(s).isCommitted());
            }
            assertEquals(List.of(1, 4), gated.callSizes());
            assertTrue(steadfast.groupCommitStats().largestGroup() >= 4, steadfast.groupCommitStats().toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void aFaultOfASharedCommitFailsEveryStepInItAndAppliesNone(Backend backend, @TempDir Path dir)
            throws Exception {
        try (RecordingStore recording = new RecordingStore(backend.open(dir));
             GatedStore store = new GatedStore(recording);
             Channels channels = new Channels(store, new ManualClock(), new ChannelOptions(10))) {
            List<Channel> all = open(channels, 3);
            List<CompletionStage<StepResult>> stages = deliverBehindAHeldCommit(store, all,
                    () -> recording.failWhen(b -> b.guards().get(0).equals(all.get(2).fence().guard())));
            assertTrue(ChannelTesting.await(stages.get(0)).isCommitted());
            Throwable f1 = assertThrows(ExecutionException.class, () -> ChannelTesting.await(stages.get(1))).getCause();
            Throwable f2 = assertThrows(ExecutionException.class, () -> ChannelTesting.await(stages.get(2))).getCause();
            assertInstanceOf(StoreIOException.class, f1);
            assertSame(f1, f2, "both steps of the group hear the same fault");
            recording.failWhen(b -> false);
            assertEquals(ChannelState.empty("c1"), channels.loadChannel("c1"));
            assertEquals(ChannelState.empty("c2"), channels.loadChannel("c2"));
        }
    }

    private static List<Channel> open(Channels channels, int count) {
        List<Channel> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(channels.open("c" + i, "node").orElseThrow());
        }
        return all;
    }

    /**
     * Holds the first channel's deliver step at the gate, runs {@code whileHeld}, queues the other channels' steps
     * behind it and lets everything go: the queued steps can only commit together.
     */
    private static List<CompletionStage<StepResult>> deliverBehindAHeldCommit(GatedStore gate, List<Channel> all,
                                                                              Runnable whileHeld)
            throws InterruptedException {
        gate.arm();
        List<CompletionStage<StepResult>> stages = new ArrayList<>();
        stages.add(all.get(0).applyAsync(new ChannelStep.Deliver(msg("m", "bob", 1))));
        gate.awaitHeld();
        whileHeld.run();
        for (Channel c : all.subList(1, all.size())) {
            stages.add(c.applyAsync(new ChannelStep.Deliver(msg("m", "bob", 1))));
        }
        gate.release();
        return stages;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void aBlockingCallInsideAStepCallbackFailsInsteadOfDeadlocking(Backend backend, @TempDir Path dir)
            throws Exception {
        try (GatedStore store = new GatedStore(backend.open(dir));
             Channels channels = new Channels(store, new ManualClock(), new ChannelOptions(10))) {
            Channel c = channels.open("loop", "node").orElseThrow();
            store.arm();
            CompletionStage<StepResult> nested = c.applyAsync(new ChannelStep.Deliver(msg("m1", "bob", 1)))
                    .thenApply(r -> c.apply(new ChannelStep.Deliver(msg("m2", "bob", 2))));
            store.awaitHeld();
            store.release();
            Throwable cause = assertThrows(ExecutionException.class, () -> ChannelTesting.await(nested)).getCause();
            assertInstanceOf(IllegalStateException.class, cause);
            assertEquals(List.of("m1"), c.state().historyIds());
        }
    }
}
