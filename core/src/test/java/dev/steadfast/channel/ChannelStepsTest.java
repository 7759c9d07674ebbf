package dev.steadfast.channel;

import static dev.steadfast.channel.ChannelTesting.ALL;
import static dev.steadfast.channel.ChannelTesting.assertInvariants;
import static dev.steadfast.channel.ChannelTesting.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Guard;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What each protocol step does to a channel, and that it is one guarded batch, on every backend. */
class ChannelStepsTest {
    private static final Bytes HINT = Bytes.of(new byte[] {4, 2});

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void anAcknowledgementRemovesTheOutgoingEntryAndItsRepairEntries(Backend backend, @TempDir Path dir) {
        try (ChannelTesting.Rig rig = new ChannelTesting.Rig(backend, dir, 10)) {
            Channel c = rig.open("acks");
            c.apply(new ChannelStep.Send(msg("a1", "alice", 1), 10));
            c.apply(new ChannelStep.Send(msg("a2", "alice", 2), 11));
            c.apply(new ChannelStep.OfferRepair(new IncomingRepair("a1", Bytes.of(new byte[] {1}), 99)));
            ChannelState after = c.apply(new ChannelStep.Acknowledge(Set.of("a1", "never-sent"))).orElseThrow();
            assertEquals(Set.of("a2"), after.outgoing().keySet());
            assertTrue(after.incomingRepairs().isEmpty(), "the acked message's repair entry went with it");
            assertEquals(List.of("a1", "a2"), after.historyIds(), "an ack does not touch the history");
            assertEquals(after, rig.channels.loadChannel("acks"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void eachStepIsOneBatchGuardedByTheChannelsFence(Backend backend, @TempDir Path dir) {
        try (ChannelTesting.Rig rig = new ChannelTesting.Rig(backend, dir, 2)) {
            Channel c = rig.open("one");
            c.apply(new ChannelStep.Deliver(msg("m1", "bob", 1)));
            c.apply(new ChannelStep.Deliver(msg("m2", "bob", 2)));
            c.apply(new ChannelStep.Await(new Waiting(msg("m4", "bob", 4, "m3"), Set.of("m3")),
                    List.of(new OutgoingRepair("m3", HINT, 500))));
            rig.store.reset();
            ChannelState after = c.apply(new ChannelStep.Deliver(msg("m3", "bob", 3), HINT)).orElseThrow();

            List<WriteBatch> batches = rig.store.batches();
            assertEquals(1, batches.size(), "deliver is one batch: " + batches);
            WriteBatch deliver = batches.get(0);
            assertEquals(List.of(new Guard.FenceAt("channel/one", c.fence().epoch())), deliver.guards());
            assertEquals(1, deliver.operations().stream().filter(WriteOp.RemoveRecord.class::isInstance)
                    .map(WriteOp.RemoveRecord.class::cast).filter(r -> r.key().bytes()[0] == 'h').count(),
                    "the eviction of m1 is inside the deliver batch");
            assertEquals(List.of("m2", "m3"), after.historyIds());
            assertEquals(Set.of(), after.incoming().get("m4").missing(), "m4 no longer misses m3");
            assertEquals(List.of(msg("m4", "bob", 4, "m3")), after.ready());
            assertTrue(after.outgoingRepairs().isEmpty(), "the repair of a delivered message is dropped");
            assertEquals(4, after.lamport());
            assertEquals(after, rig.channels.loadChannel("one"));
            assertInvariants(after, 2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void dropIsOneAtomicWriteOfTheWholeChannel(Backend backend, @TempDir Path dir) {
        try (ChannelTesting.Rig rig = new ChannelTesting.Rig(backend, dir, 10)) {
            Channel c = rig.open("doomed");
            Channel other = rig.open("kept");
            c.apply(new ChannelStep.Send(msg("a1", "alice", 1), 10));
            c.apply(new ChannelStep.Deliver(msg("b1", "bob", 2), HINT));
            c.apply(new ChannelStep.Await(msg("b3", "bob", 3, "b2"), Set.of("b2")));
            c.apply(new ChannelStep.RequestRepair(new OutgoingRepair("b2", HINT, 50)));
            other.apply(new ChannelStep.Send(msg("k1", "alice", 1), 10));
            assertEquals(List.of("doomed", "kept"), rig.channels.listChannels());
            rig.store.reset();

            assertTrue(c.drop().isCommitted());
            assertEquals(List.of(new WriteBatch(List.of(new Guard.FenceAt("channel/doomed", c.fence().epoch())),
                    List.of(new WriteOp.DropNamespace("channel/doomed")))), rig.store.batches());
            assertEquals(List.of("kept"), rig.channels.listChannels());
            assertEquals(ChannelState.empty("doomed"), rig.channels.loadChannel("doomed"));
            assertEquals(1, rig.channels.loadChannel("kept").outgoing().size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void aStepThatDoesNotFitTheStateFailsNamingTheMessageAndChangesNothing(Backend backend, @TempDir Path dir)
            throws Exception {
        try (ChannelTesting.Rig rig = new ChannelTesting.Rig(backend, dir, 10)) {
            Channel c = rig.open("strict");
            ChannelState before = c.apply(new ChannelStep.Deliver(msg("m1", "bob", 1))).orElseThrow();
            rig.store.reset();
            IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                    () -> c.apply(new ChannelStep.Deliver(msg("m1", "bob", 1))));
            assertEquals("message 'm1' of channel 'strict' cannot be delivered: it is already in the history "
                    + "(delivered)", twice.getMessage());
            IllegalArgumentException resend = assertThrows(IllegalArgumentException.class,
                    () -> c.apply(new ChannelStep.Resend("nope", 5)));
            assertTrue(resend.getMessage().contains("'nope'"), resend.getMessage());
            Throwable async = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> ChannelTesting.await(c.applyAsync(new ChannelStep.Await(msg("m2", "bob", 2, "m1"),
                            Set.of("m1"))))).getCause();
            assertInstanceOf(IllegalArgumentException.class, async);
            assertEquals(List.of(), rig.store.batches(), "nothing was written");
            assertEquals(before, c.state());
            assertTrue(c.apply(new ChannelStep.Deliver(msg("m2", "bob", 2))).isCommitted(),
                    "a bad step does not spoil the handle");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void stepsQueuedAsyncRunInCallOrderAndMemoryFollowsOnlyCommittedSteps(Backend backend, @TempDir Path dir)
            throws Exception {
        try (ChannelTesting.Rig rig = new ChannelTesting.Rig(backend, dir, 100)) {
            Channel c = rig.open("order");
            List<java.util.concurrent.CompletionStage<StepResult>> stages = new java.util.ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                stages.add(c.applyAsync(new ChannelStep.Deliver(msg("m" + i, "bob", i))));
            }
            for (int i = 0; i < stages.size(); i++) {
                ChannelState s = ChannelTesting.await(stages.get(i)).orElseThrow();
                assertEquals(i + 1, s.history().size());
                assertEquals(i + 1, s.steps());
            }
            assertEquals(c.state(), rig.channels.loadChannel("order"));
            assertEquals(8, c.state().lamport());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void listChannelsNamesEveryChannelThatHoldsState(Backend backend, @TempDir Path dir) {
        try (ChannelTesting.Rig rig = new ChannelTesting.Rig(backend, dir, 10)) {
            assertEquals(List.of(), rig.channels.listChannels());
            rig.open("b").apply(new ChannelStep.Deliver(msg("m", "x", 1)));
            rig.open("a").apply(new ChannelStep.Deliver(msg("m", "x", 1)));
            rig.open("opened-only");
            assertEquals(List.of("a", "b"), rig.channels.listChannels());
        }
    }

    @Test
    void theNoOpPersistenceTracksStepsInMemoryAndStoresNothing() {
        try (ChannelPersistence none = ChannelPersistence.noOp(new ChannelOptions(2))) {
            Channel c = none.open("mem", "node").orElseThrow();
            for (int i = 1; i <= 3; i++) {
                c.apply(new ChannelStep.Deliver(msg("m" + i, "bob", i)));
            }
            assertEquals(List.of("m2", "m3"), c.state().historyIds());
            assertEquals(ChannelState.empty("mem"), none.loadChannel("mem"));
            assertEquals(List.of(), none.listChannels());
            assertFalse(c.state().isEmpty());
        }
    }
}
