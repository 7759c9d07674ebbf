package dev.steadfast.tck;

import static dev.steadfast.tck.Population.FENCE_ONE;
import static dev.steadfast.tck.Population.FENCE_THREE;
import static dev.steadfast.tck.Population.PARTLY_TRUNCATED;
import static dev.steadfast.tck.Population.touchEverything;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

abstract class GuardTests extends TckGroup {
    private final StreamId s = stream("guard/s");
    private StoreState populated;

    @BeforeEach
    void populate() {
        Population.populate(store());
        populated = state();
    }

    private WriteResult apply(WriteBatch.Builder batch) {
        return store().apply(batch.build());
    }

    @Test
    @DisplayName("a fence guard at the fence's epoch passes")
    void fenceGuardPasses() {
        assertEquals(WriteResult.committed(), apply(WriteBatch.builder().guardFence(FENCE_THREE, 3).append(s, 0, bytes("x"))));
        assertEquals(1, store().journalHead(s));
    }

    @Test
    @DisplayName("a fence guard at epoch 0 passes when the fence does not exist")
    void fenceGuardZeroPassesWhenAbsent() {
        assertEquals(WriteResult.committed(), apply(WriteBatch.builder().guardFence("guard/none", 0).append(s, 0, bytes("x"))));
        assertEquals(1, store().journalHead(s));
    }

    @Test
    @DisplayName("a fence guard at epoch 0 fails when the fence exists, naming its epoch and owner")
    void fenceGuardZeroFailsWhenPresent() {
        assertEquals(new FencedOut(FENCE_ONE, 0, 1, "owner-1"),
                apply(touchEverything(WriteBatch.builder().guardFence(FENCE_ONE, 0))));
        assertEquals(populated, state());
    }

    @Test
    @DisplayName("a fence guard at a stale epoch fails with FencedOut naming expected epoch, found epoch and owner")
    void staleFenceGuardFails() {
        assertEquals(new FencedOut(FENCE_THREE, 2, 3, "owner-3b"),
                apply(touchEverything(WriteBatch.builder().guardFence(FENCE_THREE, 2))));
        assertEquals(populated, state());
    }

    @Test
    @DisplayName("a fence guard at an epoch above the fence's fails too")
    void futureFenceGuardFails() {
        assertEquals(new FencedOut(FENCE_THREE, 4, 3, "owner-3b"),
                apply(touchEverything(WriteBatch.builder().guardFence(FENCE_THREE, 4))));
        assertEquals(populated, state());
    }

    @Test
    @DisplayName("a fence guard on a fence that does not exist fails with found epoch 0 and owner \"\"")
    void fenceGuardOnAbsentFenceFails() {
        assertEquals(new FencedOut("guard/none", 1, 0, ""),
                apply(touchEverything(WriteBatch.builder().guardFence("guard/none", 1))));
        assertEquals(populated, state());
    }

    @Test
    @DisplayName("a journal guard at the head passes, also at 0 for an unknown journal")
    void journalGuardPasses() {
        assertEquals(WriteResult.committed(), apply(WriteBatch.builder()
                .guardJournal(PARTLY_TRUNCATED, 5).guardJournal(s, 0).putSnapshot("guard/snap", 5, bytes("x"))));
        assertEquals(5, store().loadSnapshot("guard/snap").orElseThrow().coveredSequence());
    }

    @Test
    @DisplayName("a journal guard off the head fails with SequenceConflict naming expected and found head")
    void journalGuardFails() {
        assertEquals(new SequenceConflict(PARTLY_TRUNCATED, 4, 5),
                apply(touchEverything(WriteBatch.builder().guardJournal(PARTLY_TRUNCATED, 4))));
        assertEquals(populated, state());
        assertEquals(new SequenceConflict(s, 1, 0), apply(touchEverything(WriteBatch.builder().guardJournal(s, 1))));
        assertEquals(populated, state());
    }

    @Test
    @DisplayName("a journal guard compares with the head, not with the last retained entry")
    void journalGuardUsesHeadAfterTruncation() {
        assertEquals(WriteResult.committed(), apply(WriteBatch.builder()
                .guardJournal(Population.FULLY_TRUNCATED, 3).putSnapshot("guard/snap", 3, bytes("x"))));
        assertEquals(new SequenceConflict(Population.FULLY_TRUNCATED, 0, 3),
                apply(WriteBatch.builder().guardJournal(Population.FULLY_TRUNCATED, 0).putSnapshot("guard/snap", 0, bytes("y"))));
    }

    @Test
    @DisplayName("a guard-only batch commits when its guards hold and writes nothing")
    void guardOnlyBatch() {
        assertEquals(WriteResult.committed(), apply(WriteBatch.builder().guardFence(FENCE_ONE, 1).guardJournal(s, 0)));
        assertEquals(populated, state());
        assertEquals(new FencedOut(FENCE_ONE, 2, 1, "owner-1"), apply(WriteBatch.builder().guardFence(FENCE_ONE, 2)));
    }

    @Test
    @DisplayName("when several guards fail, the first one in order is the result")
    void firstFailingGuardIsReported() {
        WriteBatch.Builder batch = WriteBatch.builder().guardFence(FENCE_ONE, 1).guardJournal(s, 7)
                .guardFence(FENCE_THREE, 1);
        assertEquals(new SequenceConflict(s, 7, 0), apply(touchEverything(batch)));
        assertEquals(populated, state());
    }

    @Test
    @DisplayName("guards see the state before the batch, not the effect of its operations")
    void guardsSeeStateBeforeBatch() {
        assertEquals(WriteResult.committed(), apply(WriteBatch.builder().guardJournal(s, 0).append(s, 0, bytes("x"))));
        assertEquals(new SequenceConflict(s, 2, 1),
                apply(WriteBatch.builder().guardJournal(s, 2).append(s, 1, bytes("y"))));
        assertEquals(1, store().journalHead(s));
    }

    @Test
    @DisplayName("a failing append in the middle of a batch leaves every kind of state unchanged")
    void failingAppendMidBatchWritesNothing() {
        WriteBatch.Builder batch = touchEverything(WriteBatch.builder()).append(s, 3, bytes("late"));
        assertEquals(new SequenceConflict(s, 3, 0), apply(batch));
        assertEquals(populated, state());
        assertEquals(0, store().journalHead(s));
    }

    @Test
    @DisplayName("a failing fence change in the middle of a batch leaves every kind of state unchanged")
    void failingSetFenceMidBatchWritesNothing() {
        WriteBatch.Builder batch = touchEverything(WriteBatch.builder())
                .setFence(new Fence(FENCE_THREE, "late", 9, "", 0), 3)
                .putRecord("guard/ns", RecordKey.of("after"), bytes("x"));
        assertEquals(new FencedOut(FENCE_THREE, 3, 4, "thief"), apply(batch));
        assertEquals(populated, state());
    }

    @Test
    @DisplayName("operations see the earlier operations of their batch: two appends to one journal")
    void twoAppendsInOneBatch() {
        assertEquals(WriteResult.committed(),
                apply(WriteBatch.builder().append(s, 0, bytes("1"), bytes("2")).append(s, 2, bytes("3"))));
        assertEquals(range(1, 3), sequences(s, 1, Long.MAX_VALUE, 10));
        StoreState before = state();
        assertEquals(new SequenceConflict(s, 3, 4),
                apply(WriteBatch.builder().append(s, 3, bytes("4")).append(s, 3, bytes("4 again"))));
        assertEquals(before, state());
    }

    @Test
    @DisplayName("operations see the earlier operations of their batch: fences, records, snapshots, truncation")
    void laterOperationsSeeEarlierOnes() {
        RecordKey k = RecordKey.of("k");
        assertEquals(WriteResult.committed(), apply(WriteBatch.builder()
                .setFence(new Fence("guard/f", "a", 1, "", 0), 0)
                .setFence(new Fence("guard/f", "b", 2, "", 0), 1)
                .putRecord("guard/ns", k, bytes("first"))
                .dropNamespace("guard/ns")
                .putRecord("guard/ns", RecordKey.of("k2"), bytes("second"))
                .putSnapshot("guard/snap", 1, bytes("x"))
                .deleteSnapshot("guard/snap")
                .append(s, 0, bytes("1"), bytes("2"))
                .truncate(s, 1)));
        assertEquals(new Fence("guard/f", "b", 2, "", 0), store().readFence("guard/f").orElseThrow());
        try (Stream<StoredRecord> records = store().scanRecords("guard/ns")) {
            assertEquals(List.of(RecordKey.of("k2")), records.map(StoredRecord::key).toList());
        }
        assertEquals(Optional.empty(), store().loadSnapshot("guard/snap"));
        assertEquals(List.of(2L), sequences(s, 1, Long.MAX_VALUE, 10));
        assertEquals(2, store().journalHead(s));
    }

    /**
     * A lone fence change under one fence guard is a shape a store may run as one statement (a lease taken
     * without a read); this pins that each such change checks its own guard's name and epoch, with exact
     * expectations too, however many ran before it.
     */
    @Test
    @DisplayName("lone fence changes under a fence guard each check their own guard, one after another")
    void loneFenceChangesCheckTheirOwnGuard() {
        commit(WriteBatch.builder().setFence(new Fence("lone/g1", "a", 1, "", 0), 0)
                .setFence(new Fence("lone/g2", "b", 2, "", 0), 0).build());
        Fence first = new Fence("lone/t", "x", 1, "t1", 10);
        commit(WriteBatch.builder().guardFence("lone/g1", 1).setFence(first, 0).build());
        Fence next = new Fence("lone/t", "y", 2, "t2", 20);
        assertEquals(new FencedOut("lone/g2", 1, 2, "b"),
                store().apply(WriteBatch.builder().guardFence("lone/g2", 1).setFence(next, 1).build()));
        assertEquals(new FencedOut("lone/g1", 2, 1, "a"),
                store().apply(WriteBatch.builder().guardFence("lone/g1", 2).setFence(next, 1).build()));
        assertEquals(new FencedOut("lone/g1", 0, 1, "a"),
                store().apply(WriteBatch.builder().guardFence("lone/g1", 0).setFence(next, 1).build()));
        assertEquals(new FencedOut("lone/g2", 1, 2, "b"), store().apply(
                WriteBatch.builder().guardFence("lone/g1", 1).guardFence("lone/g2", 1).setFence(next, 1).build()));
        assertEquals(Optional.of(first), store().readFence("lone/t"));
        Fence renewed = new Fence("lone/t", "x", 1, "t1", 30);
        commit(WriteBatch.builder().guardFence("lone/g2", 2).op(WriteOp.SetFence.replacing(first, renewed)).build());
        assertEquals(Optional.of(renewed), store().readFence("lone/t"));
        assertEquals(new FencedOut("lone/g1", 2, 1, "a"), store().apply(
                WriteBatch.builder().guardFence("lone/g1", 2).op(WriteOp.SetFence.replacing(renewed, next)).build()));
        assertEquals(Optional.of(renewed), store().readFence("lone/t"));
    }
}
