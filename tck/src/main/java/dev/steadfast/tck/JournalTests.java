package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

abstract class JournalTests extends TckGroup {
    private final StreamId s = stream("journal/s");

    @Test
    @DisplayName("an unknown journal has head 0, no entries and is not listed")
    void unknownJournalIsEmpty() {
        assertEquals(0, store().journalHead(s));
        assertEquals(List.of(), read(s, 1, Long.MAX_VALUE, Integer.MAX_VALUE));
        assertEquals(List.of(), store().listStreams(""));
    }

    @Test
    @DisplayName("the first append at head 0 gets sequences 1, 2, 3 and moves the head")
    void firstAppendStartsAtOne() {
        append(s, 0, "a", "b", "c");
        assertEquals(3, store().journalHead(s));
        List<Entry> entries = read(s, 1, Long.MAX_VALUE, 100);
        assertEquals(List.of(new Entry(s, 1, bytes("a")), new Entry(s, 2, bytes("b")), new Entry(s, 3, bytes("c"))),
                entries);
    }

    @Test
    @DisplayName("appends at the head continue the sequence without gaps")
    void appendsAreContiguous() {
        append(s, 0, "1");
        append(s, 1, "2", "3");
        append(s, 3, "4");
        append(s, 4, "5", "6", "7");
        assertEquals(7, store().journalHead(s));
        List<Entry> entries = read(s, 1, Long.MAX_VALUE, Integer.MAX_VALUE);
        assertEquals(range(1, 7), entries.stream().map(Entry::sequence).toList());
        for (Entry e : entries) {
            assertEquals(Long.toString(e.sequence()), text(e.payload()));
            assertEquals(s, e.stream());
        }
    }

    @Test
    @DisplayName("an append behind the head is a SequenceConflict naming expected and found head, nothing written")
    void appendBehindHeadConflicts() {
        append(s, 0, "1", "2");
        StoreState before = state();
        assertEquals(new SequenceConflict(s, 1, 2), store().apply(WriteBatch.builder().append(s, 1, bytes("x")).build()));
        assertEquals(2, store().journalHead(s));
        assertEquals(before, state());
    }

    @Test
    @DisplayName("an append ahead of the head is a SequenceConflict and nothing is written")
    void appendAheadOfHeadConflicts() {
        append(s, 0, "1");
        StoreState before = state();
        assertEquals(new SequenceConflict(s, 5, 1), store().apply(WriteBatch.builder().append(s, 5, bytes("x")).build()));
        assertEquals(before, state());
    }

    @Test
    @DisplayName("an append to an unknown journal expecting a head above 0 conflicts with found head 0")
    void appendToUnknownJournalAboveZeroConflicts() {
        assertEquals(new SequenceConflict(s, 3, 0), store().apply(WriteBatch.builder().append(s, 3, bytes("x")).build()));
        assertEquals(0, store().journalHead(s));
        assertEquals(List.of(), store().listStreams(""));
    }

    @Test
    @DisplayName("a range read returns the entries in [from, to], at most max, in order")
    void rangeReadHonoursBounds() {
        appendNumbered(s, 10);
        assertEquals(range(3, 7), sequences(s, 3, 7, 100));
        assertEquals(List.of(3L, 4L), sequences(s, 3, Long.MAX_VALUE, 2));
        assertEquals(List.of(10L), sequences(s, 10, 10, 1));
        assertEquals(range(1, 10), sequences(s, 1, 10, 10));
        assertEquals(range(8, 10), sequences(s, 8, 1_000, 1_000));
    }

    @Test
    @DisplayName("a range read with to < from, with max 0, or from beyond the head is empty")
    void emptyRangeReads() {
        appendNumbered(s, 10);
        assertEquals(List.of(), sequences(s, 7, 3, 100));
        assertEquals(List.of(), sequences(s, 1, 0, 100));
        assertEquals(List.of(), sequences(s, 1, Long.MAX_VALUE, 0));
        assertEquals(List.of(), sequences(s, 11, Long.MAX_VALUE, 100));
        assertEquals(List.of(), sequences(s, Long.MAX_VALUE, Long.MAX_VALUE, 100));
    }

    @Test
    @DisplayName("readJournal(stream, from) reads to the head")
    void defaultReadGoesToHead() {
        appendNumbered(s, 5);
        try (Stream<Entry> entries = store().readJournal(s, 2)) {
            assertEquals(range(2, 5), entries.map(Entry::sequence).toList());
        }
    }

    @Test
    @DisplayName("journals are independent of each other")
    void journalsAreIndependent() {
        StreamId other = stream("journal/other");
        append(s, 0, "s1", "s2");
        append(other, 0, "o1");
        assertEquals(2, store().journalHead(s));
        assertEquals(1, store().journalHead(other));
        assertEquals("o1", text(read(other, 1, Long.MAX_VALUE, 10).get(0).payload()));
        assertEquals(0, store().journalHead(stream("journal")));
    }

    @Test
    @DisplayName("truncating a prefix removes those entries but keeps the head, and appends continue after it")
    void truncateKeepsHead() {
        appendNumbered(s, 10);
        commit(WriteBatch.builder().truncate(s, 4).build());
        assertEquals(10, store().journalHead(s));
        assertEquals(range(5, 10), sequences(s, 1, Long.MAX_VALUE, 100));
        assertEquals(List.of(5L, 6L), sequences(s, 2, 6, 100));
        append(s, 10, "11");
        assertEquals(11, store().journalHead(s));
        assertEquals(range(5, 11), sequences(s, 1, Long.MAX_VALUE, 100));
    }

    @Test
    @DisplayName("truncating everything keeps the head and the listing, and the next append gets head + 1")
    void truncateEverything() {
        appendNumbered(s, 3);
        commit(WriteBatch.builder().truncate(s, 3).build());
        assertEquals(3, store().journalHead(s));
        assertEquals(List.of(), sequences(s, 1, Long.MAX_VALUE, 100));
        assertEquals(List.of(s), store().listStreams(""));
        assertEquals(new SequenceConflict(s, 0, 3), store().apply(WriteBatch.builder().append(s, 0, bytes("x")).build()));
        append(s, 3, "4");
        assertEquals(List.of(4L), sequences(s, 1, Long.MAX_VALUE, 100));
    }

    @Test
    @DisplayName("truncating beyond the head clamps to the head: later appends are kept")
    void truncateBeyondHeadClamps() {
        appendNumbered(s, 5);
        commit(WriteBatch.builder().truncate(s, 100).build());
        assertEquals(5, store().journalHead(s));
        append(s, 5, "6", "7");
        assertEquals(List.of(6L, 7L), sequences(s, 1, Long.MAX_VALUE, 100));
    }

    @Test
    @DisplayName("a lower truncation after a higher one brings nothing back")
    void truncationNeverResurrects() {
        appendNumbered(s, 8);
        commit(WriteBatch.builder().truncate(s, 5).build());
        commit(WriteBatch.builder().truncate(s, 2).build());
        assertEquals(range(6, 8), sequences(s, 1, Long.MAX_VALUE, 100));
        assertEquals(8, store().journalHead(s));
    }

    @Test
    @DisplayName("truncating an unknown journal commits and creates nothing")
    void truncateUnknownJournal() {
        commit(WriteBatch.builder().truncate(s, 10).build());
        assertEquals(0, store().journalHead(s));
        assertEquals(List.of(), store().listStreams(""));
        append(s, 0, "1");
        assertEquals(List.of(1L), sequences(s, 1, Long.MAX_VALUE, 100));
    }

    @Test
    @DisplayName("listStreams returns journals with a head above 0 by prefix, in code point order")
    void listStreamsByPrefix() {
        // U+FF61 sorts before U+1F600 by code point but after it in UTF-16 order.
        List<String> names = List.of("b", "a/2", "a/10", "a", "\u00e9", "\uFF61", "\uD83D\uDE00", "ab", "A");
        for (String n : names) {
            append(stream(n), 0, n);
        }
        commit(WriteBatch.builder().truncate(stream("a/3"), 1).guardJournal(stream("a/4"), 0).build());
        assertEquals(streams("A", "a", "a/10", "a/2", "ab", "b", "\u00e9", "\uFF61", "\uD83D\uDE00"),
                store().listStreams(""));
        assertEquals(streams("a", "a/10", "a/2", "ab"), store().listStreams("a"));
        assertEquals(streams("a/10", "a/2"), store().listStreams("a/"));
        assertEquals(List.of(), store().listStreams("c"));
    }

    @Test
    @DisplayName("reads are lazy streams that may be closed before they are consumed, again and again")
    void readsAreLazyAndClosable() {
        appendNumbered(s, 2_000);
        for (int i = 0; i < 500; i++) {
            try (Stream<Entry> entries = store().readJournal(s, 1 + i, Long.MAX_VALUE, Integer.MAX_VALUE)) {
                Iterator<Entry> it = entries.iterator();
                assertTrue(it.hasNext());
                assertEquals(1 + i, it.next().sequence());
            }
        }
        append(s, 2_000, "after");
        assertEquals(2_001, store().journalHead(s));
    }

    @Test
    @DisplayName("range reads of a long journal end exactly at their upper bound, wherever a store's pages end")
    void longRangeReadsEndExactlyAtTo() {
        appendNumbered(s, 1_100);
        for (long to : List.of(1L, 63L, 64L, 65L, 255L, 256L, 257L, 511L, 512L, 513L, 1_024L, 1_099L)) {
            assertEquals(range(1, to), sequences(s, 1, to, Integer.MAX_VALUE), "read of [1, " + to + "]");
            assertEquals(range(to, Math.min(1_100, to + 300)), sequences(s, to, to + 300, Integer.MAX_VALUE),
                    "read of [" + to + ", " + (to + 300) + "]");
        }
    }

    @Test
    @DisplayName("a read of a long journal with a small max returns just the first entries")
    void smallMaxOnLongJournal() {
        for (int batch = 0; batch < 10; batch++) {
            List<byte[]> payloads = new java.util.ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                payloads.add(new byte[100]);
            }
            commit(WriteBatch.builder().append(s, batch * 1_000L, payloads).build());
        }
        assertEquals(List.of(4_000L, 4_001L, 4_002L), sequences(s, 4_000, Long.MAX_VALUE, 3));
    }

    private static List<StreamId> streams(String... names) {
        return Stream.of(names).map(StreamId::of).toList();
    }
}
