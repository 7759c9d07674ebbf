package dev.steadfast.tck;

import static dev.steadfast.tck.TckGroup.bytes;
import static dev.steadfast.tck.TckGroup.commit;
import static dev.steadfast.tck.TckGroup.read;
import static dev.steadfast.tck.TckGroup.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A store filled with every kind of state (including truncated journals and taken-over fences), and a batch
 * body that would change every one of them: the material of the "nothing changed" tests.
 */
final class Population {
    static final StreamId PARTLY_TRUNCATED = StreamId.of("pop/journal/a");
    static final StreamId FULLY_TRUNCATED = StreamId.of("pop/journal/b");
    static final StreamId UNTOUCHED = StreamId.of("pop/journal/c");
    static final String FENCE_ONE = "pop/fence/one";
    static final String FENCE_THREE = "pop/fence/three";
    static final StreamId NEW_STREAM = StreamId.of("pop/journal/new");
    private static final String[] SNAPSHOTS = {"pop/snap/one", "pop/snap/two", "pop/snap/new"};
    private static final String[] FENCES = {FENCE_ONE, FENCE_THREE, "pop/fence/new"};

    private Population() {
    }

    /** Writes journals, snapshots, records in two namespaces and two fences into {@code store}. */
    static void populate(Store store) {
        commit(store, WriteBatch.builder()
                .append(PARTLY_TRUNCATED, 0, bytes("a1"), bytes("a2"), bytes("a3"), bytes("a4"), bytes("a5"))
                .append(FULLY_TRUNCATED, 0, bytes("b1"), bytes("b2"), bytes("b3"))
                .append(UNTOUCHED, 0, bytes("c1"))
                .build());
        commit(store, WriteBatch.builder()
                .truncate(PARTLY_TRUNCATED, 2)
                .truncate(FULLY_TRUNCATED, 3)
                .putSnapshot("pop/snap/one", 5, bytes("s1"))
                .putSnapshot("pop/snap/two", 0, new byte[0])
                .putRecord("pop/ns/one", RecordKey.of("k1"), bytes("v1"))
                .putRecord("pop/ns/one", RecordKey.of(new byte[] {(byte) 0x80, 0}), bytes("v2"))
                .putRecord("pop/ns/one", RecordKey.of("k3"), new byte[0])
                .putRecord("pop/ns/two", RecordKey.ofLong(42), bytes("v4"))
                .setFence(new Fence(FENCE_ONE, "owner-1", 1, "token-1", 1_000), 0)
                .setFence(new Fence(FENCE_THREE, "owner-3", 1, "", 10), 0)
                .build());
        commit(store, WriteBatch.builder()
                .setFence(new Fence(FENCE_THREE, "owner-3b", 3, "t3", Long.MAX_VALUE), 1)
                .build());
    }

    /** Adds to {@code batch} operations that, applied, would change every kind of populated state. */
    static WriteBatch.Builder touchEverything(WriteBatch.Builder batch) {
        return batch
                .append(PARTLY_TRUNCATED, 5, bytes("a6"))
                .append(NEW_STREAM, 0, bytes("n1"))
                .truncate(PARTLY_TRUNCATED, 4)
                .truncate(UNTOUCHED, 1)
                .putSnapshot("pop/snap/one", 6, bytes("s1b"))
                .deleteSnapshot("pop/snap/two")
                .putSnapshot("pop/snap/new", 1, bytes("sn"))
                .putRecord("pop/ns/one", RecordKey.of("k1"), bytes("changed"))
                .removeRecord("pop/ns/one", RecordKey.of("k3"))
                .dropNamespace("pop/ns/two")
                .putRecord("pop/ns/new", RecordKey.of("k"), bytes("v"))
                .setFence(new Fence(FENCE_ONE, "owner-1", 1, "token-1", 2_000), 1)
                .setFence(new Fence(FENCE_THREE, "thief", 4, "t4", 5), 3)
                .setFence(new Fence("pop/fence/new", "someone", 1, "", 1), 0);
    }

    /**
     * Commits {@link #touchEverything} on a populated store, then releases {@link #FENCE_ONE} at its epoch: every
     * kind of write, removals and same-epoch fence changes included.
     */
    static void changeEverything(Store store) {
        commit(store, touchEverything(WriteBatch.builder()).build());
        commit(store, WriteBatch.builder().setFence(new Fence(FENCE_ONE, "owner-1", 1, "", 0), 1).build());
    }

    /** Checks, through single-item reads, the changes of {@link #changeEverything} that remove or renew. */
    static void assertChanged(Store store) {
        assertEquals(List.of("a5", "a6"), texts(store, PARTLY_TRUNCATED), "journal truncated to 4 after a6");
        assertEquals(List.of(), texts(store, UNTOUCHED), "journal truncated to its head");
        assertEquals(Optional.empty(), store.loadSnapshot("pop/snap/two"), "deleted snapshot");
        assertEquals(6, store.loadSnapshot("pop/snap/one").orElseThrow().coveredSequence(), "replaced snapshot");
        assertEquals(Optional.empty(), store.getRecord("pop/ns/one", RecordKey.of("k3")), "removed record");
        assertEquals(Optional.empty(), store.getRecord("pop/ns/two", RecordKey.ofLong(42)), "record of dropped namespace");
        assertEquals(List.of("pop/ns/new", "pop/ns/one"), store.listNamespaces("pop/ns/"), "namespaces after a drop");
        assertEquals(Optional.of(new Fence(FENCE_ONE, "owner-1", 1, "", 0)), store.readFence(FENCE_ONE),
                "fence released at its epoch");
        assertEquals(Optional.of(new Fence(FENCE_THREE, "thief", 4, "t4", 5)), store.readFence(FENCE_THREE),
                "fence taken over");
    }

    /**
     * What the single-item reads ({@code journalHead}, {@code readJournal}, {@code loadSnapshot}, {@code getRecord},
     * {@code readFence}) return for every item the population and {@link #touchEverything} write, for comparing
     * two handles or a handle before and after reopen.
     */
    static List<Object> singleReads(Store store) {
        List<Object> reads = new ArrayList<>();
        for (StreamId s : List.of(PARTLY_TRUNCATED, FULLY_TRUNCATED, UNTOUCHED, NEW_STREAM)) {
            reads.add(s + " head " + store.journalHead(s) + " " + texts(store, s));
        }
        for (String key : SNAPSHOTS) {
            reads.add(store.loadSnapshot(key).map(x -> key + "@" + x.coveredSequence() + "=" + text(x.payload())));
        }
        for (String ns : List.of("pop/ns/one", "pop/ns/two", "pop/ns/new")) {
            for (RecordKey k : List.of(RecordKey.of("k1"), RecordKey.of(new byte[] {(byte) 0x80, 0}),
                    RecordKey.of("k3"), RecordKey.ofLong(42), RecordKey.of("k"))) {
                reads.add(store.getRecord(ns, k).map(v -> ns + " " + k + "=" + text(v)));
            }
        }
        for (String f : FENCES) {
            reads.add(store.readFence(f));
        }
        return reads;
    }

    private static List<String> texts(Store store, StreamId stream) {
        return read(store, stream, 1, Long.MAX_VALUE, Integer.MAX_VALUE).stream().map(e -> text(e.payload())).toList();
    }
}
