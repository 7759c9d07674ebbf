package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The short read forms of {@link ForwardingStore} go through an override of the full forms. */
class ForwardingStoreTest {
    private static final StreamId S = StreamId.of("fwd/s");

    /** Hides every entry and record, overriding only the full forms. */
    private static Store hidingEverything() {
        Store real = ReferenceStore.fresh();
        real.apply(WriteBatch.builder().append(S, 0, new byte[] {1})
                .putRecord("fwd/ns", RecordKey.of("k"), new byte[] {2}).build());
        return new ForwardingStore(real) {
            @Override
            public Stream<Entry> readJournal(StreamId stream, long from, long to, int max) {
                return Stream.empty();
            }

            @Override
            public Stream<StoredRecord> scanRecords(String namespace, KeyRange range, int limit) {
                return Stream.empty();
            }
        };
    }

    @Test
    void shortReadJournalGoesThroughTheOverriddenFullForm() {
        try (Stream<Entry> entries = hidingEverything().readJournal(S, 1)) {
            assertEquals(List.of(), entries.toList());
        }
    }

    @Test
    void shortScanRecordsGoesThroughTheOverriddenFullForm() {
        try (Stream<StoredRecord> records = hidingEverything().scanRecords("fwd/ns")) {
            assertEquals(List.of(), records.toList());
        }
    }
}
