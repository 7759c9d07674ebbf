package dev.steadfast.channel;

import static dev.steadfast.channel.ChannelTesting.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.CorruptStoreException;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.testing.Backends;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is refused with a message naming what was wrong; corrupt records are reported, never skipped. */
class ChannelValuesTest {

    @Test
    void badValuesAreRefusedNamingTheFieldAndTheValue() {
        assertEquals("channel history cap must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> new ChannelOptions(0)).getMessage());
        assertEquals("lamport timestamp of message 'm' must be >= 0, was -1",
                assertThrows(IllegalArgumentException.class, () -> msg("m", "bob", -1)).getMessage());
        assertEquals("message 'm' names itself in its causal history",
                assertThrows(IllegalArgumentException.class, () -> msg("m", "bob", 1, "m")).getMessage());
        assertEquals("message 'm' cannot wait for itself", assertThrows(IllegalArgumentException.class,
                () -> new Waiting(msg("m", "bob", 1), Set.of("m"))).getMessage());
        assertEquals("message 'm' misses no dependency; deliver it instead of awaiting",
                assertThrows(IllegalArgumentException.class,
                        () -> new ChannelStep.Await(msg("m", "bob", 1), Set.of())).getMessage());
        assertEquals("repair deadline of message 'm' must be >= 0 epoch millis, was -5",
                assertThrows(IllegalArgumentException.class,
                        () -> new OutgoingRepair("m", Bytes.empty(), -5)).getMessage());
        assertEquals("at least one acknowledged message id is needed",
                assertThrows(IllegalArgumentException.class,
                        () -> new ChannelStep.Acknowledge(Set.of())).getMessage());
        assertEquals("channel id must not be empty",
                assertThrows(IllegalArgumentException.class, () -> ChannelState.empty("")).getMessage());
    }

    @Test
    void bytesAreCopiedInAndOutAndComparedByContent() {
        byte[] raw = {1, 2};
        Bytes b = Bytes.of(raw);
        raw[0] = 9;
        assertEquals(Bytes.of(new byte[] {1, 2}), b);
        b.toArray()[1] = 9;
        assertEquals(2, b.toArray()[1]);
    }

    @Test
    void aCorruptRecordFailsTheLoadNamingTheChannelAndTheRecord(@TempDir Path dir) throws Exception {
        try (Store store = Backends.memory().open(dir);
             Channels channels = new Channels(store, new ManualClock(), ChannelOptions.defaults())) {
            channels.open("broken", "node").orElseThrow().apply(new ChannelStep.Send(msg("a1", "alice", 1), 5));
            store.apply(WriteBatch.builder().putRecord("channel/broken", RecordKey.of("oa1"), new byte[] {1, 0})
                    .build());
            CorruptStoreException e = assertInstanceOf(CorruptStoreException.class, assertThrows(
                    ExecutionException.class, () -> ChannelTesting.await(channels.loadChannelAsync("broken")))
                    .getCause());
            assertTrue(e.getMessage().startsWith("record oa1 of channel 'broken' is truncated or malformed"),
                    e.getMessage());

            store.apply(WriteBatch.builder().putRecord("channel/broken", RecordKey.of("oa1"),
                    ChannelCodec.unacknowledged(new Unacknowledged(msg("a1", "alice", 1), 5, 0))).build());
            store.apply(WriteBatch.builder().putRecord("channel/broken", RecordKey.of("zz"), new byte[] {1}).build());
            assertEquals("record zz of channel 'broken' is of no kind a channel stores",
                    assertThrows(CorruptStoreException.class, () -> channels.loadChannel("broken")).getMessage());
            assertEquals(List.of("broken"), channels.listChannels(), "nothing was deleted by the failed loads");
        }
    }
}
