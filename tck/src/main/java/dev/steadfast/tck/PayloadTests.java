package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

abstract class PayloadTests extends TckGroup {
    private final StreamId s = stream("payload/s");

    private int max() {
        int max = store().descriptor().maxPayloadBytes();
        assumeTrue(max < BadWriteTests.TESTABLE_MAX, "the store's maximum payload of " + max + " bytes is too big to test");
        return max;
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new SplittableRandom(size).nextBytes(b);
        return b;
    }

    @Test
    @DisplayName("the store declares a maximum payload of at least 1 MiB")
    void declaresAtLeastOneMebibyte() {
        assertTrue(store().descriptor().maxPayloadBytes() >= StoreDescriptor.MIN_MAX_PAYLOAD_BYTES);
    }

    @Test
    @DisplayName("an entry, a snapshot and a record value of exactly the maximum size round-trip")
    void maximumRoundTrips() {
        byte[] big = random(max());
        commit(WriteBatch.builder().append(s, 0, big).build());
        commit(WriteBatch.builder().putSnapshot("payload/snap", 1, big).build());
        commit(WriteBatch.builder().putRecord("payload/ns", RecordKey.of("k"), big).build());
        List<Entry> entries = read(s, 1, Long.MAX_VALUE, 10);
        assertEquals(1, entries.size());
        assertArrayEquals(big, entries.get(0).payload());
        assertArrayEquals(big, store().loadSnapshot("payload/snap").orElseThrow().payload());
        assertArrayEquals(big, store().getRecord("payload/ns", RecordKey.of("k")).orElseThrow());
    }

    @Test
    @DisplayName("empty entries, snapshots and record values round-trip as empty, not absent")
    void emptyRoundTrips() {
        commit(WriteBatch.builder().append(s, 0, new byte[0], new byte[0])
                .putSnapshot("payload/snap", 0, new byte[0])
                .putRecord("payload/ns", RecordKey.of("k"), new byte[0]).build());
        assertEquals(List.of(new Entry(s, 1, new byte[0]), new Entry(s, 2, new byte[0])), read(s, 1, Long.MAX_VALUE, 10));
        assertArrayEquals(new byte[0], store().loadSnapshot("payload/snap").orElseThrow().payload());
        assertArrayEquals(new byte[0], store().getRecord("payload/ns", RecordKey.of("k")).orElseThrow());
        assertEquals(List.of("payload/ns"), store().listNamespaces(""));
    }

    @Test
    @DisplayName("every byte value round-trips unchanged")
    void everyByteValue() {
        byte[] all = new byte[256 * 4];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        commit(WriteBatch.builder().append(s, 0, all).putSnapshot("payload/snap", 1, all)
                .putRecord("payload/ns", RecordKey.of("k"), all).build());
        assertArrayEquals(all, read(s, 1, 1, 1).get(0).payload());
        assertArrayEquals(all, store().loadSnapshot("payload/snap").orElseThrow().payload());
        assertArrayEquals(all, store().getRecord("payload/ns", RecordKey.of("k")).orElseThrow());
    }

    @Test
    @DisplayName("one byte over the maximum is rejected with IllegalArgumentException for each kind, writing nothing")
    void overMaximumRejected() {
        byte[] over = new byte[max() + 1];
        StoreState before = state();
        assertThrows(IllegalArgumentException.class, () -> store().apply(WriteBatch.builder().append(s, 0, over).build()));
        assertThrows(IllegalArgumentException.class,
                () -> store().apply(WriteBatch.builder().putSnapshot("payload/snap", 1, over).build()));
        assertThrows(IllegalArgumentException.class,
                () -> store().apply(WriteBatch.builder().putRecord("payload/ns", RecordKey.of("k"), over).build()));
        assertEquals(before, state());
        assertEquals(0, store().journalHead(s));
    }
}
