package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

abstract class TwoHandleTests extends TckGroup {
    private final StreamId s = stream("two/s");
    private Store first;
    private Store second;

    @BeforeEach
    void openTwo() {
        assumeTrue(tck().handlesShareState(store()), "the store declares sharedAcrossProcesses=false and its kit "
                + "does not claim handlesShareState: a second openStore(dir) need not see the first");
        first = store();
        second = open();
    }

    @Test
    @DisplayName("a second handle sees every kind of state the first one wrote")
    void secondSeesFirst() {
        Population.populate(first);
        assertEquals(StoreState.of(first), StoreState.of(second));
        append(s, 0, "x");
        assertEquals(1, second.journalHead(s));
    }

    @Test
    @DisplayName("a takeover through one handle fences out the other handle's guarded writes")
    void fencesHoldAcrossHandles() {
        commit(first, WriteBatch.builder().setFence(new Fence("two/f", "a", 1, "", 0), 0).build());
        commit(second, WriteBatch.builder().setFence(new Fence("two/f", "b", 2, "", 0), 1).build());
        StoreState before = StoreState.of(first);
        assertEquals(new FencedOut("two/f", 1, 2, "b"),
                first.apply(WriteBatch.builder().guardFence("two/f", 1).append(s, 0, bytes("stale")).build()));
        assertEquals(before, StoreState.of(second));
    }

    @Test
    @DisplayName("a renewal through one handle cannot undo a release made through the other")
    void renewalCannotUndoAReleaseAcrossHandles() {
        Fence held = new Fence("two/f", "a", 1, "t", 100);
        commit(first, WriteBatch.builder().setFence(held, 0).build());
        Fence released = new Fence("two/f", "a", 1, "t", 0);
        commit(second, WriteBatch.builder().op(WriteOp.SetFence.replacing(held, released)).build());
        assertEquals(new FencedOut("two/f", 1, 1, "a"), first.apply(WriteBatch.builder()
                .op(WriteOp.SetFence.replacing(held, new Fence("two/f", "a", 1, "t", 500))).build()));
        assertEquals(released, first.readFence("two/f").orElseThrow());
        assertEquals(released, second.readFence("two/f").orElseThrow());
    }

    @Test
    @DisplayName("an append through one handle makes the other's append at the old head conflict")
    void headsHoldAcrossHandles() {
        commit(first, WriteBatch.builder().append(s, 0, bytes("a")).build());
        assertEquals(new SequenceConflict(s, 0, 1),
                second.apply(WriteBatch.builder().append(s, 0, bytes("b")).build()));
        assertEquals(List.of("a"), read(second, s, 1, Long.MAX_VALUE, 10).stream().map(e -> text(e.payload())).toList());
    }

    @Test
    @DisplayName("two handles appending concurrently with retry lose and duplicate nothing")
    void concurrentAppendsThroughTwoHandles() throws Exception {
        int perThread = tck().scaled(2_000);
        Store[] handles = {first, second};
        Threads.run(2, t -> {
            for (int i = 0; i < perThread; i++) {
                ConcurrencyTests.appendWithRetry(handles[t], s, bytes(t + ":" + i));
            }
        });
        List<Entry> entries = read(second, s, 1, Long.MAX_VALUE, Integer.MAX_VALUE);
        assertEquals(range(1, 2L * perThread), entries.stream().map(Entry::sequence).toList());
        assertEquals(2L * perThread, entries.stream().map(e -> text(e.payload())).distinct().count());
    }

    @Test
    @DisplayName("fence takeovers racing through two handles never give one epoch two owners; stale owners never write")
    void racingTakeoversThroughTwoHandles() throws Exception {
        Store[] handles = {first, second};
        FenceRace.run(4, tck().scaled(300), t -> handles[t % 2], s);
    }

    @Test
    @DisplayName("a handle opened after another was closed (even twice) still shares the store with the one left open")
    void handleOpenedAfterACloseStillShares() {
        commit(first, WriteBatch.builder().append(s, 0, bytes("a")).build());
        first.close();
        first.close();
        Store third = open();
        assertEquals(1, third.journalHead(s));
        commit(second, WriteBatch.builder().append(s, 1, bytes("b")).build());
        commit(third, WriteBatch.builder().append(s, 2, bytes("c")).build());
        assertEquals(List.of("a", "b", "c"), read(second, s, 1, Long.MAX_VALUE, 10).stream()
                .map(e -> text(e.payload())).toList());
    }

    @Test
    @DisplayName("closing one handle leaves the other working")
    void closingOneLeavesTheOther() {
        commit(first, WriteBatch.builder().append(s, 0, bytes("a")).build());
        first.close();
        commit(second, WriteBatch.builder().append(s, 1, bytes("b")).build());
        assertEquals(2, second.journalHead(s));
    }

    @Test
    @DisplayName("every read of one handle, single-item reads included, sees every kind of change made through the other")
    void everyReadSeesTheOtherHandlesChanges() {
        Population.populate(first);
        assertSameState(first, second);
        Population.changeEverything(first);
        assertSameState(first, second);
        Population.assertChanged(second);
        commit(second, WriteBatch.builder()
                .append(Population.PARTLY_TRUNCATED, 6, bytes("a7"))
                .truncate(Population.PARTLY_TRUNCATED, 6)
                .putSnapshot("pop/snap/two", 7, bytes("back"))
                .putRecord("pop/ns/two", RecordKey.ofLong(42), bytes("back"))
                .removeRecord("pop/ns/one", RecordKey.of("k1"))
                .dropNamespace("pop/ns/new")
                .setFence(new Fence(Population.FENCE_THREE, "second", 5, "t5", 9), 4)
                .setFence(new Fence(Population.FENCE_ONE, "owner-1", 1, "renewed", 7), 1)
                .build());
        assertSameState(second, first);
        assertEquals(7, first.loadSnapshot("pop/snap/two").orElseThrow().coveredSequence());
        assertEquals(5, first.readFence(Population.FENCE_THREE).orElseThrow().epoch());
        assertEquals(7, first.journalHead(Population.PARTLY_TRUNCATED));
    }

    /** Both handles agree on every listing, scan and single-item read (which also fills any cache of the reader). */
    private static void assertSameState(Store writer, Store reader) {
        assertEquals(StoreState.of(writer), StoreState.of(reader));
        assertEquals(Population.singleReads(writer), Population.singleReads(reader));
    }
}
