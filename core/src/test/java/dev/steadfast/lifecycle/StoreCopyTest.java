package dev.steadfast.lifecycle;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.tck.ForwardingStore;
import dev.steadfast.testing.Backend;
import dev.steadfast.testing.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static dev.steadfast.lifecycle.CopyPopulation.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link StoreCopy} between every pair of backends: everything arrives, truncations included, and verifies. */
class StoreCopyTest {

    static Stream<Arguments> pairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (Backend from : Backends.available()) {
            for (Backend to : Backends.available()) {
                pairs.add(Arguments.of(from, to));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void copyRoundTripKeepsEveryUnitsDigest(Backend from, Backend to, @TempDir Path dir) {
        try (Store source = from.open(dir.resolve("source")); Store target = to.open(dir.resolve("target"))) {
            CopyPopulation.fill(source, 23);
            List<String> progress = new ArrayList<>();

            CopyReport report = StoreCopy.run(source, target, CopyOptions.defaults().withBatchSize(5)
                    .withProgress(progress::add));

            assertEquals(StoreDigest.of(source), StoreDigest.of(target));
            assertEquals(StoreDigest.of(source), report.digest());
            assertEquals(3, report.streams());
            assertEquals(23 + 3, report.entries(), "entries 5..7 of the partly truncated journal and all plain");
            assertFalse(report.resumed());
            assertTrue(progress.size() >= 5, "a progress line per batch of five, got " + progress);
            assertEquals(List.of(), target.listNamespaces(StoreCopy.PROGRESS_NAMESPACE),
                    "the in-progress marker is removed after verification");
            assertTruncationsKept(target);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void aCopyClosesEveryStreamItReadsFromEitherStore(Backend backend, @TempDir Path dir) {
        try (Store source = backend.open(dir.resolve("source")); Store target = backend.open(dir.resolve("target"))) {
            CopyPopulation.fill(source, 23);
            WriteBatch.Builder records = WriteBatch.builder();
            for (int i = 0; i < 12; i++) {
                records.putRecord("pages", dev.steadfast.spi.RecordKey.ofLong(i), bytes("record-" + i));
            }
            assertTrue(source.apply(records.build()).isCommitted()); // records over several pages of five
            StreamCounter counter = new StreamCounter();

            StoreCopy.run(counter.wrap(source), counter.wrap(target), CopyOptions.defaults().withBatchSize(5));

            assertTrue(counter.opened.get() > 0);
            // An open cursor of a JDBC store keeps its pooled connection: a copy leaking one a page drains the pool.
            assertEquals(counter.opened.get(), counter.closed.get(), "streams left open");
        }
    }

    /** Counts the journal and record streams stores hand out and how many of them were closed. */
    static final class StreamCounter {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        Store wrap(Store store) {
            return new ForwardingStore(store) {
                @Override
                public Stream<Entry> readJournal(StreamId stream, long from, long to, int maxEntries) {
                    opened.incrementAndGet();
                    return super.readJournal(stream, from, to, maxEntries).onClose(closed::incrementAndGet);
                }

                @Override
                public Stream<StoredRecord> scanRecords(String namespace, KeyRange range, int limit) {
                    opened.incrementAndGet();
                    return super.scanRecords(namespace, range, limit).onClose(closed::incrementAndGet);
                }

                @Override
                public void close() {
                }
            };
        }
    }

    static void assertTruncationsKept(Store target) {
        assertEquals(7, target.journalHead(CopyPopulation.PARTLY_TRUNCATED));
        assertEquals(List.of(5L, 6L, 7L), target.readJournal(CopyPopulation.PARTLY_TRUNCATED, 1)
                .map(Entry::sequence).toList());
        assertEquals(4, target.journalHead(CopyPopulation.FULLY_TRUNCATED));
        assertEquals(List.of(), target.readJournal(CopyPopulation.FULLY_TRUNCATED, 1).toList());
        CopyPopulation.commit(target, WriteBatch.builder()
                .append(CopyPopulation.FULLY_TRUNCATED, 4, bytes("b5")).build());
        assertEquals(List.of(5L), target.readJournal(CopyPopulation.FULLY_TRUNCATED, 1)
                .map(Entry::sequence).toList(), "appends continue after the copied head");
    }

    @Test
    void digestDiffersWhenOnePayloadByteDiffers(@TempDir Path dir) {
        Backend memory = Backends.memory();
        try (Store a = memory.open(dir.resolve("a")); Store b = memory.open(dir.resolve("b"))) {
            CopyPopulation.fill(a, 4);
            CopyPopulation.fill(b, 3);
            CopyPopulation.commit(b, WriteBatch.builder().append(CopyPopulation.PLAIN, 3, bytes("plain-X")).build());
            List<String> differences = StoreDigest.of(a).differences(StoreDigest.of(b), false);
            assertEquals(1, differences.size(), differences.toString());
            assertTrue(differences.get(0).startsWith("journal:orders/1: source head=4"), differences.get(0));
        }
    }
}
