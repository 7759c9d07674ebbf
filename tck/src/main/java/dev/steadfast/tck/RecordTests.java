package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.WriteBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

abstract class RecordTests extends TckGroup {
    private static final String NS = "rec/ns";

    private static RecordKey key(int... unsignedBytes) {
        byte[] b = new byte[unsignedBytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) unsignedBytes[i];
        }
        return RecordKey.of(b);
    }

    private List<RecordKey> scanKeys(String namespace, KeyRange range, int limit) {
        try (Stream<StoredRecord> records = store().scanRecords(namespace, range, limit)) {
            return records.map(StoredRecord::key).toList();
        }
    }

    private void put(String namespace, RecordKey... keys) {
        WriteBatch.Builder batch = WriteBatch.builder();
        for (RecordKey k : keys) {
            batch.putRecord(namespace, k, k.bytes());
        }
        commit(batch.build());
    }

    @Test
    @DisplayName("a put record reads back; an absent one reads as empty")
    void putAndGet() {
        commit(WriteBatch.builder().putRecord(NS, RecordKey.of("k"), bytes("v")).build());
        assertArrayEquals(bytes("v"), store().getRecord(NS, RecordKey.of("k")).orElseThrow());
        assertTrue(store().getRecord(NS, RecordKey.of("other")).isEmpty());
        assertTrue(store().getRecord("rec/other", RecordKey.of("k")).isEmpty());
    }

    @Test
    @DisplayName("a put replaces the value; an empty value is a value")
    void putReplaces() {
        commit(WriteBatch.builder().putRecord(NS, RecordKey.of("k"), bytes("v1")).build());
        commit(WriteBatch.builder().putRecord(NS, RecordKey.of("k"), new byte[0]).build());
        assertArrayEquals(new byte[0], store().getRecord(NS, RecordKey.of("k")).orElseThrow());
        assertEquals(List.of(NS), store().listNamespaces(""));
    }

    @Test
    @DisplayName("a removed record is gone; removing an absent record commits")
    void remove() {
        put(NS, RecordKey.of("a"), RecordKey.of("b"));
        commit(WriteBatch.builder().removeRecord(NS, RecordKey.of("a")).removeRecord(NS, RecordKey.of("zz"))
                .removeRecord("rec/none", RecordKey.of("a")).build());
        assertTrue(store().getRecord(NS, RecordKey.of("a")).isEmpty());
        assertEquals(List.of(RecordKey.of("b")), scanKeys(NS, KeyRange.all(), 10));
    }

    @Test
    @DisplayName("the array returned by getRecord is the caller's: changing it changes nothing stored")
    void getReturnsCopy() {
        commit(WriteBatch.builder().putRecord(NS, RecordKey.of("k"), bytes("value")).build());
        byte[] first = store().getRecord(NS, RecordKey.of("k")).orElseThrow();
        Arrays.fill(first, (byte) 0);
        assertArrayEquals(bytes("value"), store().getRecord(NS, RecordKey.of("k")).orElseThrow());
    }

    @Test
    @DisplayName("scan returns keys in unsigned byte order (0x00 < 0x7f < 0x80 < 0xff), a prefix before its extensions")
    void scanOrderIsUnsigned() {
        List<RecordKey> keys = new ArrayList<>(List.of(key(0xff), key(0x80), key(0x7f), key(0x00), key(0x80, 0x00),
                key(0x00, 0x01), key(0x7f, 0xff), key(0xff, 0xff), key(0x01), key(0xfe, 0x80), key(0x80, 0x7f),
                RecordKey.of("ab"), RecordKey.of("ab\0"), RecordKey.of("abc"), RecordKey.of("a")));
        put(NS, keys.toArray(RecordKey[]::new));
        List<RecordKey> expected = List.of(key(0x00), key(0x00, 0x01), key(0x01), RecordKey.of("a"),
                RecordKey.of("ab"), RecordKey.of("ab\0"), RecordKey.of("abc"), key(0x7f), key(0x7f, 0xff),
                key(0x80), key(0x80, 0x00), key(0x80, 0x7f), key(0xfe, 0x80), key(0xff), key(0xff, 0xff));
        assertEquals(expected, scanKeys(NS, KeyRange.all(), Integer.MAX_VALUE));
        try (Stream<StoredRecord> records = store().scanRecords(NS)) {
            for (StoredRecord r : records.toList()) {
                assertEquals(NS, r.namespace());
                assertArrayEquals(r.key().bytes(), r.value(), "value of " + r.key());
            }
        }
    }

    @Test
    @DisplayName("scan honours an inclusive lower and exclusive upper bound, in unsigned order")
    void scanBounds() {
        put(NS, key(0x00), key(0x10), key(0x7f), key(0x80), key(0x80, 0x01), key(0x90), key(0xff));
        assertEquals(List.of(key(0x7f), key(0x80), key(0x80, 0x01)),
                scanKeys(NS, KeyRange.between(key(0x7f), key(0x90)), 100));
        assertEquals(List.of(key(0x80), key(0x80, 0x01), key(0x90), key(0xff)), scanKeys(NS, KeyRange.from(key(0x80)), 100));
        assertEquals(List.of(key(0x00), key(0x10)), scanKeys(NS, new KeyRange(null, key(0x7f)), 100));
        assertEquals(List.of(key(0x80, 0x01), key(0x90)), scanKeys(NS, KeyRange.between(key(0x80, 0x00), key(0xfe)), 100));
        assertEquals(List.of(), scanKeys(NS, KeyRange.between(key(0x80), key(0x80)), 100));
        assertEquals(List.of(), scanKeys(NS, KeyRange.from(key(0xff, 0x00)), 100));
    }

    @Test
    @DisplayName("scan returns at most limit records, and none for limit 0")
    void scanLimit() {
        put(NS, key(3), key(1), key(2), key(0x90));
        assertEquals(List.of(key(1), key(2)), scanKeys(NS, KeyRange.all(), 2));
        assertEquals(List.of(key(2), key(3)), scanKeys(NS, KeyRange.from(key(2)), 2));
        assertEquals(List.of(), scanKeys(NS, KeyRange.all(), 0));
    }

    @Test
    @DisplayName("a long scan is lazy and may be closed before it is consumed")
    void longScan() {
        WriteBatch.Builder batch = WriteBatch.builder();
        for (int i = 0; i < 3_000; i++) {
            batch.putRecord(NS, RecordKey.ofLong(i), new byte[16]);
        }
        commit(batch.build());
        try (Stream<StoredRecord> records = store().scanRecords(NS)) {
            assertEquals(RecordKey.ofLong(0), records.findFirst().orElseThrow().key());
        }
        assertEquals(List.of(RecordKey.ofLong(2_999)), scanKeys(NS, KeyRange.from(RecordKey.ofLong(2_999)), 5));
        try (Stream<StoredRecord> records = store().scanRecords(NS)) {
            assertEquals(3_000, records.count());
        }
    }

    @Test
    @DisplayName("namespaces are separate, also when one name is a prefix of another")
    void namespacesAreSeparate() {
        put("rec/a", RecordKey.of("k1"));
        put("rec/ab", RecordKey.of("k2"));
        assertEquals(List.of(RecordKey.of("k1")), scanKeys("rec/a", KeyRange.all(), 10));
        assertEquals(List.of(RecordKey.of("k2")), scanKeys("rec/ab", KeyRange.all(), 10));
        assertEquals(List.of(), scanKeys("rec", KeyRange.all(), 10));
        assertTrue(store().getRecord("rec/ab", RecordKey.of("k1")).isEmpty());
    }

    @Test
    @DisplayName("dropping a namespace removes all its records with the rest of the batch, and only that namespace")
    void dropNamespace() {
        put("rec/a", RecordKey.of("1"), RecordKey.of("2"), RecordKey.of("3"));
        put("rec/ab", RecordKey.of("1"));
        put("rec/a/sub", RecordKey.of("1"));
        commit(WriteBatch.builder().dropNamespace("rec/a").putRecord("rec/b", RecordKey.of("x"), bytes("x"))
                .append(stream("rec/journal"), 0, bytes("x")).build());
        assertEquals(List.of(), scanKeys("rec/a", KeyRange.all(), 10));
        assertTrue(store().getRecord("rec/a", RecordKey.of("1")).isEmpty());
        assertEquals(List.of("rec/a/sub", "rec/ab", "rec/b"), store().listNamespaces(""));
        assertEquals(1, store().journalHead(stream("rec/journal")));
    }

    @Test
    @DisplayName("a dropped namespace can be filled again; dropping an absent namespace commits")
    void dropThenPut() {
        put(NS, RecordKey.of("old"));
        commit(WriteBatch.builder().dropNamespace(NS).putRecord(NS, RecordKey.of("new"), bytes("n"))
                .dropNamespace("rec/none").build());
        assertEquals(List.of(RecordKey.of("new")), scanKeys(NS, KeyRange.all(), 10));
    }

    @Test
    @DisplayName("listNamespaces lists namespaces holding records by prefix, in code point order")
    void listNamespaces() {
        for (String ns : List.of("n/b", "n/a", "n", "n/\uD83D\uDE00", "n/\uFF61", "o", "N")) {
            put(ns, RecordKey.of("k"));
        }
        put("n/empty", RecordKey.of("k"));
        commit(WriteBatch.builder().removeRecord("n/empty", RecordKey.of("k")).build());
        put("n/dropped", RecordKey.of("k"));
        commit(WriteBatch.builder().dropNamespace("n/dropped").build());
        assertEquals(List.of("N", "n", "n/a", "n/b", "n/\uFF61", "n/\uD83D\uDE00", "o"), store().listNamespaces(""));
        assertEquals(List.of("n/a", "n/b", "n/\uFF61", "n/\uD83D\uDE00"), store().listNamespaces("n/"));
        assertEquals(List.of(), store().listNamespaces("p"));
    }

    @Test
    @DisplayName("keys of the longest allowed length round-trip and sort by their bytes")
    void longKeys() {
        byte[] a = new byte[RecordKey.MAX_BYTES];
        byte[] b = new byte[RecordKey.MAX_BYTES];
        Arrays.fill(a, (byte) 0x80);
        Arrays.fill(b, (byte) 0x80);
        b[RecordKey.MAX_BYTES - 1] = (byte) 0xff;
        put(NS, RecordKey.of(b), RecordKey.of(a));
        assertEquals(List.of(RecordKey.of(a), RecordKey.of(b)), scanKeys(NS, KeyRange.all(), 10));
        assertArrayEquals(b, store().getRecord(NS, RecordKey.of(b)).orElseThrow());
    }
}
