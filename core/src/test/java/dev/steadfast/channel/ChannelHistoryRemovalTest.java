package dev.steadfast.channel;

import static dev.steadfast.channel.ChannelTesting.ALL;
import static dev.steadfast.channel.ChannelTesting.DURABLE;
import static dev.steadfast.channel.ChannelTesting.assertInvariants;
import static dev.steadfast.channel.ChannelTesting.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steadfast.spi.Guard;
import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Removing one entry from a channel's history: one guarded step, order and cap kept, durable across a restart. */
class ChannelHistoryRemovalTest {
    private static final Bytes HINT = Bytes.of(new byte[] {9});

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void removingAnEntryIsOneGuardedBatchThatTakesItsHintAndKeepsTheOrder(Backend backend, @TempDir Path dir) {
        try (ChannelTesting.Rig rig = new ChannelTesting.Rig(backend, dir, 5)) {
            Channel c = rig.open("h");
            for (int i = 1; i <= 4; i++) {
                c.apply(new ChannelStep.Deliver(msg("m" + i, "bob", i), HINT));
            }
            rig.store.reset();
            ChannelState after = c.apply(new ChannelStep.RemoveFromHistory("m2")).orElseThrow();

            List<WriteBatch> batches = rig.store.batches();
            assertEquals(1, batches.size(), "the removal is one batch: " + batches);
            assertEquals(List.of(new Guard.FenceAt("channel/h", c.fence().epoch())), batches.get(0).guards());
            assertEquals(List.of("m1", "m3", "m4"), after.historyIds());
            assertEquals(Set.of("m1", "m3", "m4"), after.retrievalHints().keySet(), "m2's hint left with it");
            assertEquals(4, after.lamport(), "a removal never lowers the lamport clock");
            assertEquals(after, rig.channels.loadChannel("h"));
            assertInvariants(after, 5);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void removedMessageIsNoLongerDeliveredAndCanBeDeliveredAgainAtTheEnd(Backend backend, @TempDir Path dir) {
        try (ChannelTesting.Rig rig = new ChannelTesting.Rig(backend, dir, 5)) {
            Channel c = rig.open("again");
            c.apply(new ChannelStep.Deliver(msg("m1", "bob", 1)));
            c.apply(new ChannelStep.Deliver(msg("m2", "bob", 2)));
            c.apply(new ChannelStep.RemoveFromHistory("m1"));
            ChannelState after = c.apply(new ChannelStep.Deliver(msg("m1", "bob", 1))).orElseThrow();
            assertEquals(List.of("m2", "m1"), after.historyIds());
            assertEquals(after, rig.channels.loadChannel("again"));
            assertInvariants(after, 5);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void removingAMessageNotInTheHistoryIsRefusedAndChangesNothing(Backend backend, @TempDir Path dir) {
        try (ChannelTesting.Rig rig = new ChannelTesting.Rig(backend, dir, 5)) {
            Channel c = rig.open("absent");
            ChannelState before = c.apply(new ChannelStep.Deliver(msg("m1", "bob", 1))).orElseThrow();
            rig.store.reset();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> c.apply(new ChannelStep.RemoveFromHistory("m9")));
            assertEquals("message 'm9' of channel 'absent' is not in the history, so it cannot be removed from it",
                    e.getMessage());
            assertEquals(List.of(), rig.store.batches());
            assertEquals(before, c.state());
            assertEquals(before, rig.channels.loadChannel("absent"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DURABLE)
    void removalSurvivesARestartAndEvictionThenKeepsTheCap(Backend backend, @TempDir Path dir) {
        try (ChannelTesting.Node node = new ChannelTesting.Node(backend, dir, new ChannelOptions(3))) {
            Channel c = node.open("fifo");
            for (int i = 1; i <= 3; i++) {
                c.apply(new ChannelStep.Deliver(msg("m" + i, "bob", i), HINT));
            }
            c.apply(new ChannelStep.RemoveFromHistory("m3"));

            node.restart();
            Channel again = node.open("fifo");
            assertEquals(List.of("m1", "m2"), again.state().historyIds());
            assertEquals(List.of("m1", "m2", "m4"),
                    again.apply(new ChannelStep.Deliver(msg("m4", "bob", 4))).orElseThrow().historyIds(),
                    "below the cap after a removal: nothing is evicted");
            assertEquals(List.of("m2", "m4", "m5"),
                    again.apply(new ChannelStep.Deliver(msg("m5", "bob", 5))).orElseThrow().historyIds(),
                    "at the cap: the oldest goes, in insertion order");

            node.restart();
            ChannelState loaded = node.channels.loadChannel("fifo");
            assertEquals(List.of("m2", "m4", "m5"), loaded.historyIds());
            assertInvariants(loaded, 3);
            assertEquals(3 + 1 + 1, node.store.scanRecords("channel/fifo", KeyRange.all(), 100).count(),
                    "three history records, m2's hint and the meta record: nothing removed lingers");
        }
    }
}
