package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A lazy journal read that stays open while batches commit (Store: "a truncation landing meanwhile skips the
 * entries it removed, but it never shows part of a batch's append and never a gap"). Paging by position (SQL
 * {@code OFFSET}) instead of by sequence breaks this: a truncation shifts the positions and a page of live
 * entries is skipped.
 */
abstract class OpenReadTests extends TckGroup {
    private static final StreamId S = stream("open/s");
    private static final int ENTRIES = 1_200;
    private static final int APPENDED = 7;

    @Test
    @DisplayName("a truncation and an append committed while a read is open: it skips only truncated entries, no gap")
    void truncationDuringAnOpenReadSkipsOnlyWhatItRemoved() {
        appendNumbered(S, ENTRIES);
        readWhileTruncating();
    }

    /**
     * As above with the entries appended 100 to a batch: a store that reads a batch at a time meets the truncation
     * between two batches, where ending the read would hide every entry after it.
     */
    @Test
    @DisplayName("the same with the entries appended in many batches: the read goes on past the truncated ones")
    void truncationDuringAnOpenReadOfManyBatchesSkipsOnlyWhatItRemoved() {
        for (int head = 0; head < ENTRIES; head += 100) {
            List<byte[]> batch = new ArrayList<>();
            for (int i = head + 1; i <= head + 100; i++) {
                batch.add(bytes(Integer.toString(i)));
            }
            commit(WriteBatch.builder().append(S, head, batch).build());
        }
        readWhileTruncating();
    }

    private void readWhileTruncating() {
        List<Long> seen = new ArrayList<>();
        try (Stream<Entry> entries = store().readJournal(S, 1)) {
            Iterator<Entry> it = entries.iterator();
            for (int i = 0; i < 10; i++) {
                seen.add(check(it.next()));
            }
            List<byte[]> more = new ArrayList<>();
            for (int i = 1; i <= APPENDED; i++) {
                more.add(bytes(Integer.toString(ENTRIES + i)));
            }
            commit(WriteBatch.builder().truncate(S, ENTRIES / 2).append(S, ENTRIES, more).build());
            it.forEachRemaining(e -> seen.add(check(e)));
        }
        int firstAfter = 0;
        while (firstAfter < seen.size() && seen.get(firstAfter) <= ENTRIES / 2) {
            firstAfter++;
        }
        assertEquals(range(1, firstAfter), seen.subList(0, firstAfter),
                "entries read before the truncation took effect: a prefix from 1, in order");
        List<Long> after = seen.subList(firstAfter, seen.size());
        long last = after.isEmpty() ? 0 : after.get(after.size() - 1);
        assertTrue(last == ENTRIES || last == ENTRIES + APPENDED, "the read ended at " + last + ", expected the head "
                + "when it began (" + ENTRIES + ") or after the whole append (" + (ENTRIES + APPENDED) + ")");
        long resumed = after.isEmpty() ? last + 1 : after.get(0);
        assertTrue(firstAfter == ENTRIES / 2 || resumed == ENTRIES / 2 + 1, "after entry " + firstAfter
                + " the read went on at " + resumed + ": entries that were never removed were skipped");
        assertEquals(range(resumed, last), after, "entries after the truncated range: every one, in order");
    }

    /**
     * A store may pool its read connections; a read left mid-way and closed must not leave its connection pinned
     * to the data it began on (an unfinished SQLite statement keeps its read snapshot until it is reset).
     */
    @Test
    @DisplayName("reads closed before their end do not pin later reads to older data")
    void readsClosedEarlyDoNotPinLaterReads() {
        StreamId t = stream("open/early");
        appendNumbered(t, 3);
        for (long head = 3; head < 13; head++) {
            try (Stream<Entry> entries = store().readJournal(t, 1)) {
                assertEquals(1, entries.iterator().next().sequence());
            }
            append(t, head, Long.toString(head + 1));
            assertEquals(head + 1, store().journalHead(t));
            assertEquals(range(1, head + 1), sequences(t, 1, Long.MAX_VALUE, Integer.MAX_VALUE));
        }
    }

    private static long check(Entry e) {
        assertEquals(Long.toString(e.sequence()), text(e.payload()), "payload of entry " + e.sequence());
        return e.sequence();
    }
}
