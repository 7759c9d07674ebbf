package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

abstract class DurabilityTests extends TckGroup {

    @BeforeEach
    void requireDurable() {
        assumeTrue(store().descriptor().durable(),
                "the store declares durable=false: its state is not meant to survive close and reopen");
    }

    @Test
    @DisplayName("every kind of state survives close and reopen, including truncations and heads")
    void everythingSurvivesReopen() {
        Population.populate(store());
        StoreState before = state();
        Store reopened = reopen();
        assertEquals(before, StoreState.of(reopened));
        assertEquals(5, reopened.journalHead(Population.PARTLY_TRUNCATED));
        assertEquals(3, reopened.journalHead(Population.FULLY_TRUNCATED));
        assertEquals(List.of(), read(Population.FULLY_TRUNCATED, 1, Long.MAX_VALUE, 10));
    }

    @Test
    @DisplayName("after reopen, appends continue at the head and fences at their epoch")
    void writesContinueAfterReopen() {
        Population.populate(store());
        reopen();
        append(Population.FULLY_TRUNCATED, 3, "b4");
        assertEquals(List.of(4L), sequences(Population.FULLY_TRUNCATED, 1, Long.MAX_VALUE, 10));
        assertEquals(new FencedOut(Population.FENCE_THREE, 1, 3, "owner-3b"),
                store().apply(WriteBatch.builder().guardFence(Population.FENCE_THREE, 1).build()));
        commit(WriteBatch.builder().setFence(new Fence(Population.FENCE_THREE, "next", 4, "", 0), 3).build());
        assertEquals(4, reopen().readFence(Population.FENCE_THREE).orElseThrow().epoch());
    }

    @Test
    @DisplayName("batches committed by applyAll survive reopen; its conflicting batches left nothing behind")
    void applyAllSurvivesReopen() {
        List<WriteResult> results = store().applyAll(List.of(
                WriteBatch.builder().append(stream("dur/a"), 0, bytes("a1")).build(),
                WriteBatch.builder().append(stream("dur/b"), 7, bytes("bad")).putSnapshot("dur/snap", 1, bytes("x")).build(),
                WriteBatch.builder().append(stream("dur/a"), 1, bytes("a2")).build()));
        assertEquals(List.of(true, false, true), results.stream().map(WriteResult::isCommitted).toList());
        StoreState before = state();
        assertEquals(before, StoreState.of(reopen()));
        assertEquals(List.of(stream("dur/a")), store().listStreams(""));
        assertEquals(List.of(), store().listSnapshots(""));
    }

    @Test
    @DisplayName("state written across several open-close cycles accumulates")
    void severalCycles() {
        for (int cycle = 0; cycle < 3; cycle++) {
            append(stream("dur/cycles"), cycle, "c" + cycle);
            reopen();
        }
        assertEquals(List.of("c0", "c1", "c2"),
                read(stream("dur/cycles"), 1, Long.MAX_VALUE, 10).stream().map(e -> text(e.payload())).toList());
    }

    @Test
    @DisplayName("deletions, removals, dropped namespaces, truncations and fence renewals and releases survive reopen")
    void everyKindOfChangeSurvivesReopen() {
        Population.populate(store());
        Population.changeEverything(store());
        StoreState state = state();
        List<Object> singleReads = Population.singleReads(store());
        Store reopened = reopen();
        assertEquals(state, StoreState.of(reopened));
        assertEquals(singleReads, Population.singleReads(reopened));
        Population.assertChanged(reopened);
    }
}
