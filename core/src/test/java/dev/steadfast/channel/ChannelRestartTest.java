package dev.steadfast.channel;

import static dev.steadfast.channel.ChannelTesting.DURABLE;
import static dev.steadfast.channel.ChannelTesting.assertInvariants;
import static dev.steadfast.channel.ChannelTesting.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.KeyRange;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What a channel keeps across a restart of its process, on every durable backend. */
class ChannelRestartTest {
    private static final Bytes HINT = Bytes.of(new byte[] {1, 2, 3});

    @ParameterizedTest(name = "{0}")
    @MethodSource(DURABLE)
    void buffersLamportAndHistorySurviveARestart(Backend backend, @TempDir Path dir) {
        try (ChannelTesting.Node node = new ChannelTesting.Node(backend, dir, new ChannelOptions(10))) {
            Channel c = node.open("chat");
            c.apply(new ChannelStep.Send(msg("a1", "alice", 1), 1_000));
            c.apply(new ChannelStep.Deliver(msg("b1", "bob", 2), HINT));
            c.apply(new ChannelStep.Await(new Waiting(msg("b3", "bob", 4, "b2"), Set.of("b2")),
                    List.of(new OutgoingRepair("b2", HINT, 5_000))));
            c.apply(new ChannelStep.OfferRepair(new IncomingRepair("a0", Bytes.of(new byte[] {9}), 6_000)));
            ChannelState before = c.apply(new ChannelStep.Resend("a1", 2_000)).orElseThrow();

            node.restart();
            Channel again = node.open("chat");
            assertEquals(before, again.state());
            assertEquals(4, again.state().lamport());
            assertEquals(List.of("a1", "b1"), again.state().historyIds());
            assertEquals(new Unacknowledged(msg("a1", "alice", 1), 2_000, 1), again.state().outgoing().get("a1"));
            assertEquals(Set.of("b2"), again.state().incoming().get("b3").missing());
            assertEquals(HINT, again.state().retrievalHints().get("b1"));
            assertInvariants(again.state(), 10);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DURABLE)
    void fifoEvictionContinuesAfterARestart(Backend backend, @TempDir Path dir) {
        try (ChannelTesting.Node node = new ChannelTesting.Node(backend, dir, new ChannelOptions(3))) {
            Channel c = node.open("fifo");
            for (int i = 1; i <= 5; i++) {
                c.apply(new ChannelStep.Deliver(msg("m" + i, "bob", i), HINT));
            }
            assertEquals(List.of("m3", "m4", "m5"), c.state().historyIds());

            node.restart();
            Channel again = node.open("fifo");
            assertEquals(List.of("m3", "m4", "m5"), again.state().historyIds());
            assertEquals(List.of("m4", "m5", "m6"),
                    again.apply(new ChannelStep.Deliver(msg("m6", "bob", 6))).orElseThrow().historyIds());
            assertEquals(Set.of("m4", "m5"), again.state().retrievalHints().keySet(), "m3's hint left with it");

            node.restart();
            assertEquals(List.of("m4", "m5", "m6"), node.channels.loadChannel("fifo").historyIds());
            assertEquals(3 + 2 + 1, node.store.scanRecords("channel/fifo", KeyRange.all(), 100).count(),
                    "three history records, two hints and the meta record: nothing evicted lingers");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DURABLE)
    void lamportNeverGoesDownAcrossRestarts(Backend backend, @TempDir Path dir) {
        try (ChannelTesting.Node node = new ChannelTesting.Node(backend, dir, new ChannelOptions(10))) {
            Channel c = node.open("clock");
            assertEquals(42, c.apply(new ChannelStep.Deliver(msg("x", "bob", 42))).orElseThrow().lamport());
            node.restart();
            Channel again = node.open("clock");
            assertEquals(42, again.state().lamport());
            assertEquals(42, again.apply(new ChannelStep.Deliver(msg("y", "bob", 7))).orElseThrow().lamport(),
                    "an older timestamp does not move the clock back");
            node.restart();
            assertEquals(42, node.open("clock").state().lamport());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DURABLE)
    void removeAndRecreateStartsTheLamportAtZero(Backend backend, @TempDir Path dir) {
        try (ChannelTesting.Node node = new ChannelTesting.Node(backend, dir, new ChannelOptions(10))) {
            Channel c = node.open("gone");
            c.apply(new ChannelStep.Send(msg("a1", "alice", 9), 1));
            assertTrue(c.drop().isCommitted());
            assertEquals(ChannelState.empty("gone"), c.state());
            node.restart();
            assertEquals(List.of(), node.channels.listChannels());
            Channel again = node.open("gone");
            assertEquals(0, again.state().lamport());
            assertEquals(ChannelState.empty("gone"), again.state());
            ChannelState recreated = again.apply(new ChannelStep.Send(msg("a1", "alice", 1), 2)).orElseThrow();
            assertEquals(1, recreated.lamport());
            assertEquals(1, recreated.steps());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DURABLE)
    void repairDeadlinesComeBackWithTheSameAbsoluteTime(Backend backend, @TempDir Path dir) {
        long requestAt = 1_764_000_000_123L;
        long answerAt = 1_764_000_004_567L;
        try (ChannelTesting.Node node = new ChannelTesting.Node(backend, dir, new ChannelOptions(10))) {
            Channel c = node.open("repairs");
            c.apply(new ChannelStep.RequestRepair(new OutgoingRepair("lost", HINT, requestAt)));
            c.apply(new ChannelStep.OfferRepair(new IncomingRepair("asked", Bytes.of(new byte[] {7}), answerAt)));
            node.clock.advance(java.time.Duration.ofHours(5));
            node.restart();
            ChannelState s = node.open("repairs").state();
            assertEquals(requestAt, s.outgoingRepairs().get("lost").deadlineMillis());
            assertEquals(HINT, s.outgoingRepairs().get("lost").retrievalHint());
            assertEquals(answerAt, s.incomingRepairs().get("asked").deadlineMillis());
        }
    }
}
