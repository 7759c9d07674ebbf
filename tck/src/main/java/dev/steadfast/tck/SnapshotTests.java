package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.WriteBatch;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

abstract class SnapshotTests extends TckGroup {

    @Test
    @DisplayName("an absent snapshot loads as empty")
    void absentSnapshot() {
        assertEquals(Optional.empty(), store().loadSnapshot("snap/none"));
        assertEquals(List.of(), store().listSnapshots(""));
    }

    @Test
    @DisplayName("a put snapshot loads back with its key, covered sequence and payload")
    void putAndLoad() {
        commit(WriteBatch.builder().putSnapshot("snap/a", 17, bytes("state-a")).build());
        assertEquals(Optional.of(new Snapshot("snap/a", 17, bytes("state-a"))), store().loadSnapshot("snap/a"));
    }

    @Test
    @DisplayName("covered sequences 0 and Long.MAX_VALUE round-trip")
    void coveredSequenceExtremes() {
        commit(WriteBatch.builder().putSnapshot("snap/zero", 0, bytes("z"))
                .putSnapshot("snap/max", Long.MAX_VALUE, bytes("m")).build());
        assertEquals(0, store().loadSnapshot("snap/zero").orElseThrow().coveredSequence());
        assertEquals(Long.MAX_VALUE, store().loadSnapshot("snap/max").orElseThrow().coveredSequence());
    }

    @Test
    @DisplayName("a put replaces the previous snapshot, also with a lower covered sequence")
    void putReplaces() {
        commit(WriteBatch.builder().putSnapshot("snap/a", 5, bytes("old")).build());
        commit(WriteBatch.builder().putSnapshot("snap/a", 9, bytes("new, longer payload")).build());
        assertEquals(new Snapshot("snap/a", 9, bytes("new, longer payload")), store().loadSnapshot("snap/a").orElseThrow());
        commit(WriteBatch.builder().putSnapshot("snap/a", 2, new byte[0]).build());
        assertEquals(new Snapshot("snap/a", 2, new byte[0]), store().loadSnapshot("snap/a").orElseThrow());
        assertEquals(List.of("snap/a"), store().listSnapshots(""));
    }

    @Test
    @DisplayName("a deleted snapshot is gone and unlisted; deleting an absent one commits")
    void delete() {
        commit(WriteBatch.builder().putSnapshot("snap/a", 1, bytes("a")).putSnapshot("snap/b", 1, bytes("b")).build());
        commit(WriteBatch.builder().deleteSnapshot("snap/a").build());
        assertEquals(Optional.empty(), store().loadSnapshot("snap/a"));
        assertEquals(List.of("snap/b"), store().listSnapshots(""));
        commit(WriteBatch.builder().deleteSnapshot("snap/a").deleteSnapshot("snap/never").build());
        assertEquals(List.of("snap/b"), store().listSnapshots(""));
    }

    @Test
    @DisplayName("a snapshot can be put again after it was deleted")
    void putAfterDelete() {
        commit(WriteBatch.builder().putSnapshot("snap/a", 1, bytes("a")).build());
        commit(WriteBatch.builder().deleteSnapshot("snap/a").build());
        commit(WriteBatch.builder().putSnapshot("snap/a", 3, bytes("again")).build());
        assertEquals(new Snapshot("snap/a", 3, bytes("again")), store().loadSnapshot("snap/a").orElseThrow());
    }

    @Test
    @DisplayName("listSnapshots returns keys by prefix in code point order")
    void listByPrefix() {
        List<String> keys = List.of("s/b", "s/a", "s", "s/\uD83D\uDE00", "s/\uFF61", "t", "S", "s/a/1");
        WriteBatch.Builder batch = WriteBatch.builder();
        keys.forEach(k -> batch.putSnapshot(k, 1, bytes(k)));
        commit(batch.build());
        assertEquals(List.of("S", "s", "s/a", "s/a/1", "s/b", "s/\uFF61", "s/\uD83D\uDE00", "t"),
                store().listSnapshots(""));
        assertEquals(List.of("s/a", "s/a/1", "s/b", "s/\uFF61", "s/\uD83D\uDE00"), store().listSnapshots("s/"));
        assertEquals(List.of("s/a", "s/a/1"), store().listSnapshots("s/a"));
        assertEquals(List.of(), store().listSnapshots("u"));
    }

    @Test
    @DisplayName("snapshot keys are exact: a key and its prefix are different snapshots")
    void keysAreExact() {
        commit(WriteBatch.builder().putSnapshot("snap/ab", 1, bytes("ab")).build());
        assertEquals(Optional.empty(), store().loadSnapshot("snap/a"));
        assertEquals(Optional.empty(), store().loadSnapshot("snap/abc"));
        assertEquals(Optional.empty(), store().loadSnapshot("SNAP/AB"));
    }
}
