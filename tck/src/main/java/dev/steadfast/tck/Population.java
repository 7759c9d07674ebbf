package dev.steadfast.tck;

import static dev.steadfast.tck.TckGroup.bytes;
import static dev.steadfast.tck.TckGroup.commit;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;

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
                .append(StreamId.of("pop/journal/new"), 0, bytes("n1"))
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
}
