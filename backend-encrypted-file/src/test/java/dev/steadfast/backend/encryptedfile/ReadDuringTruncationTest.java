package dev.steadfast.backend.encryptedfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal read left open while a truncation commits. The reader takes one record at a time, and the entries of
 * one record come from one batch: when the truncation removed the entry it was to read next, it ended the stream
 * there, and the caller took the journal for ended while every later entry was still stored.
 */
class ReadDuringTruncationTest {
    private static final StreamId S = StreamId.of("s");

    @TempDir
    Path dir;

    @Test
    void aReadBetweenRecordsWhenATruncationLandsSkipsOnlyTheTruncatedEntries() {
        try (Store store = Vaults.open(dir.resolve("vault"), dir.resolve("k.json"), 1 << 20)) {
            for (long head = 0; head < 30; head++) {
                store.apply(WriteBatch.builder().append(S, head, Vaults.utf8(Long.toString(head + 1))).build());
            }
            List<Long> seen = new ArrayList<>();
            try (Stream<Entry> entries = store.readJournal(S, 1)) {
                Iterator<Entry> it = entries.iterator();
                for (int i = 0; i < 5; i++) {
                    seen.add(it.next().sequence());
                }
                store.apply(WriteBatch.builder().truncate(S, 10).build());
                it.forEachRemaining(e -> seen.add(e.sequence()));
            }
            List<Long> expected = new ArrayList<>(LongStream.rangeClosed(1, 5).boxed().toList());
            expected.addAll(LongStream.rangeClosed(11, 30).boxed().toList());
            assertEquals(expected, seen);
        }
    }
}
