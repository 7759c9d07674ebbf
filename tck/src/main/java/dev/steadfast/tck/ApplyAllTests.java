package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

abstract class ApplyAllTests extends TckGroup {
    private final StreamId s = stream("all/s");
    private final StreamId t = stream("all/t");

    @Test
    @DisplayName("an empty list gives an empty list of results")
    void emptyList() {
        assertEquals(List.of(), store().applyAll(List.of()));
        assertEquals(List.of(), store().listStreams(""));
    }

    @Test
    @DisplayName("independent batches all commit, with one result per batch in order")
    void independentBatches() {
        List<WriteResult> results = store().applyAll(List.of(
                WriteBatch.builder().append(s, 0, bytes("s1")).build(),
                WriteBatch.builder().append(t, 0, bytes("t1")).build(),
                WriteBatch.builder().putSnapshot("all/snap", 1, bytes("x")).build()));
        assertEquals(List.of(WriteResult.committed(), WriteResult.committed(), WriteResult.committed()), results);
        assertEquals(1, store().journalHead(s));
        assertEquals(1, store().journalHead(t));
        assertTrue(store().loadSnapshot("all/snap").isPresent());
    }

    @Test
    @DisplayName("a conflicting batch in the middle writes nothing of itself and does not affect the others")
    void conflictInTheMiddle() {
        List<WriteResult> results = store().applyAll(List.of(
                WriteBatch.builder().append(s, 0, bytes("s1")).build(),
                WriteBatch.builder().putRecord("all/ns", RecordKey.of("k"), bytes("v"))
                        .putSnapshot("all/snap", 1, bytes("x")).append(t, 5, bytes("bad")).build(),
                WriteBatch.builder().append(t, 0, bytes("t1")).build()));
        assertEquals(List.of(WriteResult.committed(), new SequenceConflict(t, 5, 0), WriteResult.committed()), results);
        assertEquals(1, store().journalHead(s));
        assertEquals(1, store().journalHead(t));
        assertEquals(List.of(), store().listNamespaces(""));
        assertEquals(List.of(), store().listSnapshots(""));
    }

    @Test
    @DisplayName("a batch whose append or fence change after other operations conflicts leaves none of them behind")
    void conflictAfterEarlierOperationsOfItsBatch() {
        commit(WriteBatch.builder().setFence(new Fence("all/f", "a", 2, "", 0), 0).build());
        List<WriteResult> results = store().applyAll(List.of(
                WriteBatch.builder().append(s, 0, bytes("s1")).build(),
                WriteBatch.builder().putRecord("all/ns", RecordKey.of("k"), bytes("v")).append(t, 5, bytes("bad"))
                        .build(),
                WriteBatch.builder().putSnapshot("all/snap", 1, bytes("x"))
                        .setFence(new Fence("all/f", "b", 3, "", 0), 1).build(),
                WriteBatch.builder().append(t, 0, bytes("t1")).build()));
        assertEquals(List.of(WriteResult.committed(), new SequenceConflict(t, 5, 0),
                new FencedOut("all/f", 1, 2, "a"), WriteResult.committed()), results);
        assertEquals(List.of(), store().listNamespaces(""), "the record of the batch whose append conflicted");
        assertEquals(List.of(), store().listSnapshots(""), "the snapshot of the batch whose fence change conflicted");
        assertEquals(List.of(1L, 1L), List.of(store().journalHead(s), store().journalHead(t)));
    }

    @Test
    @DisplayName("a later batch sees the earlier ones: appends chain and fences are guarded")
    void laterBatchesSeeEarlierOnes() {
        List<WriteResult> results = store().applyAll(List.of(
                WriteBatch.builder().setFence(new Fence("all/f", "a", 1, "", 0), 0).append(s, 0, bytes("1")).build(),
                WriteBatch.builder().guardFence("all/f", 1).append(s, 1, bytes("2")).build(),
                WriteBatch.builder().setFence(new Fence("all/f", "b", 2, "", 0), 1).build(),
                WriteBatch.builder().guardFence("all/f", 1).append(s, 2, bytes("stale")).build(),
                WriteBatch.builder().guardFence("all/f", 2).append(s, 2, bytes("3")).build()));
        assertEquals(List.of(WriteResult.committed(), WriteResult.committed(), WriteResult.committed(),
                new FencedOut("all/f", 1, 2, "b"), WriteResult.committed()), results);
        assertEquals(List.of("1", "2", "3"), read(s, 1, Long.MAX_VALUE, 10).stream().map(e -> text(e.payload())).toList());
    }

    @Test
    @DisplayName("fence-guarded appends to distinct streams: a stale or absent fence fences out only its own batch")
    void fenceGuardedAppendsToDistinctStreams() {
        StreamId owned = stream("all/owned");
        StreamId lost = stream("all/lost");
        StreamId behind = stream("all/behind");
        StreamId shared = stream("all/shared");
        StreamId orphan = stream("all/orphan");
        assertTrue(store().apply(WriteBatch.builder().setFence(new Fence("all/mine", "a", 1, "", 10), 0)
                .setFence(new Fence("all/theirs", "b", 3, "", 10), 0).build()).isCommitted());
        assertTrue(store().apply(WriteBatch.builder().append(behind, 0, bytes("b1")).build()).isCommitted());

        List<WriteResult> results = store().applyAll(List.of(
                WriteBatch.builder().guardFence("all/mine", 1).append(owned, 0, bytes("o1")).build(),
                WriteBatch.builder().guardFence("all/theirs", 2).append(lost, 0, bytes("l1")).build(),
                WriteBatch.builder().guardFence("all/mine", 1).append(behind, 0, bytes("late")).build(),
                WriteBatch.builder().guardFence("all/mine", 1).guardFence("all/theirs", 3)
                        .append(shared, 0, bytes("s1"), bytes("s2")).build(),
                WriteBatch.builder().guardFence("all/nobody", 1).append(orphan, 0, bytes("x")).build()));

        assertEquals(List.of(WriteResult.committed(), new FencedOut("all/theirs", 2, 3, "b"),
                new SequenceConflict(behind, 0, 1), WriteResult.committed(), new FencedOut("all/nobody", 1, 0, "")),
                results);
        assertEquals(List.of(1L, 0L, 1L, 2L, 0L),
                List.of(owned, lost, behind, shared, orphan).stream().map(store()::journalHead).toList());
        assertEquals(List.of(behind, owned, shared), store().listStreams("all/"));
        assertEquals("b1", text(read(behind, 1, Long.MAX_VALUE, 10).get(0).payload()));
        assertTrue(store().readFence("all/nobody").isEmpty());
    }

    /**
     * A store may run a group's independent appends together, ahead of the rest; this pins that an append only
     * counts as independent when no earlier batch truncates or guards its stream or changes its guard's fence.
     */
    @Test
    @DisplayName("lone appends after batches that truncate or guard their stream or change their fence see those first")
    void loneAppendsSeeEarlierBatchesOfTheirStreamOrFence() {
        StreamId truncated = stream("mix/truncated");
        StreamId guarded = stream("mix/guarded");
        commit(WriteBatch.builder().setFence(new Fence("mix/f", "a", 1, "", 0), 0).build());
        List<WriteResult> results = store().applyAll(List.of(
                WriteBatch.builder().truncate(truncated, 5).build(),
                WriteBatch.builder().guardJournal(guarded, 0).putRecord("mix/ns", RecordKey.of("k"), bytes("v")).build(),
                WriteBatch.builder().setFence(new Fence("mix/f", "b", 2, "", 0), 1).build(),
                WriteBatch.builder().append(truncated, 0, bytes("t1")).build(),
                WriteBatch.builder().append(guarded, 0, bytes("g1")).build(),
                WriteBatch.builder().guardFence("mix/f", 1).append(stream("mix/stale"), 0, bytes("x")).build(),
                WriteBatch.builder().guardFence("mix/f", 2).append(stream("mix/current"), 0, bytes("c1")).build(),
                WriteBatch.builder().append(stream("mix/plain"), 0, bytes("p1")).build()));
        WriteResult ok = WriteResult.committed();
        assertEquals(List.of(ok, ok, ok, ok, ok, new FencedOut("mix/f", 1, 2, "b"), ok, ok), results);
        assertEquals(List.of("t1"), read(truncated, 1, Long.MAX_VALUE, 10).stream().map(e -> text(e.payload())).toList(),
                "the truncation ran before the append, on an empty stream");
        assertTrue(store().getRecord("mix/ns", RecordKey.of("k")).isPresent(),
                "the journal guard saw the stream before its append");
        assertEquals(List.of(stream("mix/current"), guarded, stream("mix/plain"), truncated), store().listStreams("mix/"));
    }

    /**
     * A group whose batches each start with an append to their own stream looks like a group of independent
     * appends; this pins that the rest of each batch and its journal guards still count.
     */
    @Test
    @DisplayName("batches of a group that start with an append keep their other operations and journal guards")
    void batchesStartingWithAnAppendKeepTheRest() {
        WriteResult ok = WriteResult.committed();
        assertEquals(List.of(ok, ok), store().applyAll(List.of(appendAndRecord("a"), appendAndRecord("b"))));
        assertEquals(List.of(ok, ok, ok), store().applyAll(List.of(appendAndRecord("c"), appendAndRecord("d"),
                WriteBatch.builder().putSnapshot("ops/snap", 0, bytes("s")).build())));
        assertEquals(List.of(new SequenceConflict(stream("ops/e"), 1, 0), ok), store().applyAll(List.of(
                WriteBatch.builder().guardJournal(stream("ops/e"), 1).append(stream("ops/f"), 0, bytes("f1")).build(),
                WriteBatch.builder().append(stream("ops/g"), 0, bytes("g1")).build())));
        for (String key : List.of("a", "b", "c", "d")) {
            assertTrue(store().getRecord("ops/ns", RecordKey.of(key)).isPresent(),
                    "the record of the batch appending to ops/" + key);
        }
        assertEquals(List.of("ops/a", "ops/b", "ops/c", "ops/d", "ops/g"),
                store().listStreams("ops/").stream().map(StreamId::value).toList());
    }

    private static WriteBatch appendAndRecord(String name) {
        return WriteBatch.builder().append(stream("ops/" + name), 0, bytes(name + "1"))
                .putRecord("ops/ns", RecordKey.of(name), bytes("v")).build();
    }

    @Test
    @DisplayName("appends to distinct streams each under exactly one fence guard: each guard is checked on its own")
    void appendsEachUnderOneFenceGuard() {
        StreamId owned = stream("one/owned");
        StreamId lost = stream("one/lost");
        StreamId behind = stream("one/behind");
        StreamId orphan = stream("one/orphan");
        StreamId two = stream("one/two");
        commit(WriteBatch.builder().setFence(new Fence("one/mine", "a", 1, "", 10), 0)
                .setFence(new Fence("one/theirs", "b", 3, "", 10), 0).append(behind, 0, bytes("b1")).build());

        List<WriteResult> results = store().applyAll(List.of(
                WriteBatch.builder().guardFence("one/mine", 1).append(owned, 0, bytes("o1")).build(),
                WriteBatch.builder().guardFence("one/theirs", 2).append(lost, 0, bytes("l1")).build(),
                WriteBatch.builder().guardFence("one/mine", 1).append(behind, 0, bytes("late")).build(),
                WriteBatch.builder().guardFence("one/nobody", 1).append(orphan, 0, bytes("x")).build(),
                WriteBatch.builder().guardFence("one/theirs", 3).append(two, 0, bytes("t1"), bytes("t2")).build()));

        assertEquals(List.of(WriteResult.committed(), new FencedOut("one/theirs", 2, 3, "b"),
                new SequenceConflict(behind, 0, 1), new FencedOut("one/nobody", 1, 0, ""), WriteResult.committed()),
                results);
        assertEquals(List.of(1L, 0L, 1L, 0L, 2L),
                List.of(owned, lost, behind, orphan, two).stream().map(store()::journalHead).toList());
        assertEquals(List.of(behind, owned, two), store().listStreams("one/"));
        assertEquals(List.of("t1", "t2"), read(two, 1, Long.MAX_VALUE, 10).stream().map(e -> text(e.payload())).toList());
        assertTrue(store().readFence("one/nobody").isEmpty());
    }

    @Test
    @DisplayName("two batches appending at the same head: the first wins, the second conflicts")
    void sameHeadTwice() {
        List<WriteResult> results = store().applyAll(List.of(
                WriteBatch.builder().append(s, 0, bytes("first")).build(),
                WriteBatch.builder().append(s, 0, bytes("second")).build()));
        assertEquals(List.of(WriteResult.committed(), new SequenceConflict(s, 0, 1)), results);
        assertEquals("first", text(read(s, 1, Long.MAX_VALUE, 10).get(0).payload()));
    }

    @Test
    @DisplayName("many batches in one call all apply, in order")
    void manyBatches() {
        List<WriteBatch> batches = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batches.add(WriteBatch.builder().append(s, i, bytes(Integer.toString(i + 1))).build());
        }
        List<WriteResult> results = store().applyAll(batches);
        assertEquals(500, results.size());
        assertTrue(results.stream().allMatch(WriteResult::isCommitted));
        assertEquals(range(1, 500), sequences(s, 1, Long.MAX_VALUE, Integer.MAX_VALUE));
    }
}
