package dev.steadfast.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteBatchTest {
    private static final StreamId STREAM = StreamId.of("session/42");

    @Test
    void emptyBatchIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> WriteBatch.builder().build());
    }

    @Test
    void guardOnlyBatchIsAllowed() {
        WriteBatch batch = WriteBatch.builder().guardFence("f", 3).build();
        assertEquals(List.of(new Guard.FenceAt("f", 3)), batch.guards());
        assertTrue(batch.operations().isEmpty());
    }

    @Test
    void batchIsAnImmutableCopyOfWhatWasBuilt() {
        List<WriteOp> ops = new ArrayList<>();
        ops.add(new WriteOp.DeleteSnapshot("s"));
        WriteBatch batch = new WriteBatch(List.of(), ops);
        ops.clear();
        assertEquals(1, batch.operations().size());
        assertThrows(UnsupportedOperationException.class, () -> batch.operations().clear());
    }

    @Test
    void appendNeedsAPayloadAndANonNegativeHead() {
        assertThrows(IllegalArgumentException.class, () -> WriteBatch.builder().append(STREAM, 0).build());
        assertThrows(IllegalArgumentException.class, () -> WriteBatch.builder().append(STREAM, -1, new byte[1]));
        assertThrows(NullPointerException.class, () -> WriteBatch.builder().append(STREAM, 0, (byte[]) null));
        assertEquals(5, new WriteOp.Append(STREAM, 3, List.of(new byte[1], new byte[2])).newHead());
    }

    @Test
    void fenceCannotBeSetToALowerEpoch() {
        Fence fence = new Fence("f", "a", 2, "", 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WriteOp.SetFence(fence, 3));
        assertTrue(e.getMessage().contains("cannot go back from epoch 3 to 2"), e.getMessage());
    }

    @Test
    void fenceFieldsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new Fence("f", "a", 0, "", 0));
        assertThrows(IllegalArgumentException.class, () -> new Fence("f", "a", 1, "", -1));
        assertThrows(IllegalArgumentException.class, () -> new Fence("f", "", 1, "", 0));
        assertThrows(IllegalArgumentException.class, () -> new Fence("f", "a", 1, "t".repeat(513), 0));
        assertTrue(new Fence("f", "a", 1, "", 10).leasedAt(9));
    }

    @Test
    void payloadBytesCountsEveryValueWritten() {
        WriteBatch batch = WriteBatch.builder()
                .append(STREAM, 0, new byte[3], new byte[4])
                .putSnapshot("s", 2, new byte[5])
                .putRecord("ns", RecordKey.of("k"), new byte[6])
                .build();
        assertEquals(18, batch.payloadBytes());
    }

    @Test
    void payloadLimitNamesTheFirstValueOverIt() {
        WriteBatch batch = WriteBatch.builder()
                .append(STREAM, 0, new byte[4], new byte[9])
                .putRecord("ns", RecordKey.of("k"), new byte[20])
                .build();
        assertEquals(33, WriteBatch.builder().append(STREAM, 0, new byte[13]).putRecord("ns", RecordKey.of("k"),
                new byte[20]).build().requirePayloadsAtMost(20));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> batch.requirePayloadsAtMost(8));
        assertEquals("payload 1 of append to journal 'session/42' is 9 bytes, the store accepts at most 8",
                e.getMessage());
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class,
                () -> batch.requirePayloadsAtMost(10));
        assertEquals("value of record k in namespace 'ns' is 20 bytes, the store accepts at most 10", r.getMessage());
        assertEquals(33, batch.requirePayloadsAtMost(20));
    }

    @Test
    void conflictsNameExpectedAndFoundValues() {
        assertEquals("fence 'session/42' is at epoch 7 (owner 'b'), this writer holds epoch 6",
                new FencedOut("session/42", 6, 7, "b").message());
        assertEquals("journal 'session/42' is at sequence 9, this writer expected 8",
                new SequenceConflict(STREAM, 8, 9).message());
        assertTrue(WriteResult.committed().isCommitted());
        assertTrue(!new SequenceConflict(STREAM, 8, 9).isCommitted());
    }

    @Test
    void manualClockMovesOnlyForwardAndSleepAdvancesIt() {
        ManualClock clock = new ManualClock(1_000);
        clock.sleep(java.time.Duration.ofMillis(250));
        assertEquals(1_250, clock.millis());
        assertEquals(250_000_000L, clock.nanos());
        assertThrows(IllegalArgumentException.class, () -> clock.advanceMillis(-1));
    }
}
