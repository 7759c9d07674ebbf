package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Batch {@code i} sets every item it touches to "version {@code i}": a reader racing with the writer, reading the
 * items in the order the batch writes them, must never find a later item at an older version than an earlier one,
 * nor a listing or a scan holding part of a batch.
 */
abstract class VisibilityTests extends TckGroup {
    private static final int ENTRIES = 5;
    private static final StreamId FIRST = StreamId.of("vis/a");
    private static final StreamId LAST = StreamId.of("vis/b");
    private static final String NS = "vis/ns";

    private static String numbered(String prefix, long i, String side) {
        return String.format("%s%06d/%s", prefix, i, side);
    }

    /** Every kind of operation, in the order the reader checks them. */
    static WriteBatch batch(long i) {
        WriteBatch.Builder b = WriteBatch.builder();
        List<byte[]> entries = new ArrayList<>();
        for (int e = 0; e < ENTRIES; e++) {
            entries.add(bytes(Long.toString(i)));
        }
        b.append(FIRST, ENTRIES * (i - 1), entries);
        if (i > 1) {
            b.truncate(FIRST, ENTRIES * (i - 1));
        }
        for (int k = 0; k < 5; k++) {
            b.putRecord(NS, RecordKey.of("k" + k), bytes(Long.toString(i)));
        }
        b.removeRecord(NS, RecordKey.of("r" + (i - 1))).putRecord(NS, RecordKey.of("r" + i), bytes(Long.toString(i)));
        b.putSnapshot("vis/snap/x", i, bytes("x")).setFence(new Fence("vis/f/x", "w", i, "", 0), i - 1);
        for (String side : List.of("a", "b")) {
            b.append(StreamId.of(numbered("vis/s/", i, side)), 0, bytes("s"));
            b.putSnapshot(numbered("vis/l/", i, side), i, bytes("l")).deleteSnapshot(numbered("vis/l/", i - 1, side));
            b.putRecord(numbered("vis/n/", i, side), RecordKey.of("k"), bytes("n"))
                    .dropNamespace(numbered("vis/n/", i - 1, side));
            b.setFence(new Fence(numbered("vis/lf/", i, side), "w", 1, "", 0), 0);
        }
        b.putSnapshot("vis/snap/y", i, bytes("y")).setFence(new Fence("vis/f/y", "w", i, "", 0), i - 1);
        b.putRecord(NS, RecordKey.of("z"), bytes(Long.toString(i)));
        return b.append(LAST, ENTRIES * (i - 1), entries).build();
    }

    @Test
    @DisplayName("readers racing with many-entry, many-kind batches see each batch whole or not at all, on every read method")
    void batchesAreSeenWhole() throws Exception {
        int batches = tck().scaled(300);
        Store st = store();
        AtomicBoolean writerDone = new AtomicBoolean();
        AtomicBoolean readerFailed = new AtomicBoolean();
        AtomicInteger checks = new AtomicInteger();
        CountDownLatch readerStarted = new CountDownLatch(1);
        Threads.run(2, t -> {
            if (t == 0) {
                try {
                    // Without this a fast writer may finish before the reader is first scheduled, racing nothing.
                    readerStarted.await(1, TimeUnit.MINUTES);
                    for (long i = 1; i <= batches && !readerFailed.get(); i++) {
                        commit(st, batch(i));
                    }
                } finally {
                    writerDone.set(true);
                }
                return;
            }
            boolean last;
            try {
                do {
                    last = writerDone.get();
                    checkOnce(st);
                    checks.incrementAndGet();
                    readerStarted.countDown();
                } while (!last);
            } catch (AssertionError | RuntimeException e) {
                readerFailed.set(true);
                readerStarted.countDown();
                throw e;
            }
        });
        assertTrue(checks.get() >= 1);
        List<Long> last = new Reader(st).versions();
        assertEquals(Collections.nCopies(last.size(), (long) batches), last, "versions once the writer is done");
    }

    private static void checkOnce(Store st) {
        Reader r = new Reader(st);
        List<Long> versions = r.versions();
        for (int i = 1; i < versions.size(); i++) {
            assertTrue(versions.get(i) >= versions.get(i - 1), "a read saw part of a batch: versions of the items in "
                    + "batch order were " + versions + " (" + r.what + ")");
        }
    }

    /** Reads every item once, in batch order, recording the version each read saw. */
    private static final class Reader {
        final List<String> what = new ArrayList<>();
        private final List<Long> versions = new ArrayList<>();
        private final Store st;

        Reader(Store st) {
            this.st = st;
        }

        private void saw(String item, long version) {
            what.add(item);
            versions.add(version);
        }

        List<Long> versions() {
            long head = st.journalHead(FIRST);
            assertEquals(0, head % ENTRIES, "journalHead " + head + " is inside a batch");
            saw("journalHead(a)", head / ENTRIES);
            saw("readJournal(a)", journal(FIRST, true));
            saw("scanRecords", scan());
            saw("getRecord(k0)", record("k0"));
            saw("loadSnapshot(x)", st.loadSnapshot("vis/snap/x").map(Snapshot::coveredSequence).orElse(0L));
            saw("readFence(x)", st.readFence("vis/f/x").map(Fence::epoch).orElse(0L));
            saw("listStreams", pairs(st.listStreams("vis/s/").stream().map(StreamId::value).toList(), false));
            saw("listSnapshots", pairs(st.listSnapshots("vis/l/"), true));
            saw("listNamespaces", pairs(st.listNamespaces("vis/n/"), true));
            saw("listFences", pairs(st.listFences("vis/lf/").stream().map(Fence::name).toList(), false));
            saw("loadSnapshot(y)", st.loadSnapshot("vis/snap/y").map(Snapshot::coveredSequence).orElse(0L));
            saw("readFence(y)", st.readFence("vis/f/y").map(Fence::epoch).orElse(0L));
            saw("getRecord(z)", record("z"));
            saw("journalHead(b)", st.journalHead(LAST) / ENTRIES);
            saw("readJournal(b)", journal(LAST, false));
            return versions;
        }

        /**
         * The version of the last batch a journal read saw. A lazy read may run on while later batches commit (the
         * SPI allows it), so it can hold several batches' entries; each must be whole: blocks of {@value #ENTRIES}
         * starting at a batch boundary, each block holding its own batch's number, and no entry missing but the
         * ones a truncation that landed meanwhile removed.
         */
        private long journal(StreamId stream, boolean truncated) {
            List<Entry> entries;
            try (Stream<Entry> s = st.readJournal(stream, 1)) {
                entries = s.toList();
            }
            if (entries.isEmpty()) {
                return 0;
            }
            long first = entries.get(0).sequence();
            assertEquals(1, truncated ? first % ENTRIES : first, stream + " starts inside a batch at " + first);
            assertEquals(0, entries.size() % ENTRIES, stream + " holds part of a batch: " + entries.size() + " entries");
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                long expected = i == 0 ? first : entries.get(i - 1).sequence() + 1;
                // A truncation landing while the read runs skips the entries it removed (Store.readJournal): a
                // jump from the end of one batch to the start of a later one, in the truncated journal only.
                if (!(truncated && e.sequence() > expected && (expected - 1) % ENTRIES == 0
                        && (e.sequence() - 1) % ENTRIES == 0)) {
                    assertEquals(expected, e.sequence(), stream + " has a gap");
                }
                assertEquals(Long.toString((e.sequence() - 1) / ENTRIES + 1), text(e.payload()),
                        stream + " entry " + e.sequence());
            }
            return entries.get(entries.size() - 1).sequence() / ENTRIES;
        }

        /** Five "k" records and one "r" record of one version, and "z", or nothing yet. */
        private long scan() {
            List<StoredRecord> records;
            try (Stream<StoredRecord> s = st.scanRecords(NS)) {
                records = s.toList();
            }
            if (records.isEmpty()) {
                return 0;
            }
            long version = Long.parseLong(text(records.get(0).value()));
            List<String> keys = new ArrayList<>();
            for (StoredRecord r : records) {
                keys.add(r.key().utf8());
                assertEquals(version, Long.parseLong(text(r.value())), "scan saw two versions: " + records);
            }
            assertEquals(List.of("k0", "k1", "k2", "k3", "k4", "r" + version, "z"), keys, "scan saw part of a batch");
            return version;
        }

        private long record(String key) {
            Optional<byte[]> v = st.getRecord(NS, RecordKey.of(key));
            return v.map(b -> Long.parseLong(text(b))).orElse(0L);
        }

        /**
         * The version of a listing of "prefix/NNNNNN/a" and ".../b" names: both sides of each version, and only
         * the last version when a batch deletes the previous one's.
         */
        private static long pairs(List<String> names, boolean onlyLast) {
            if (names.isEmpty()) {
                return 0;
            }
            String lastName = names.get(names.size() - 1);
            String stem = lastName.substring(0, lastName.length() - 1);
            long version = Long.parseLong(stem.substring(stem.length() - 7, stem.length() - 1));
            List<String> expected = new ArrayList<>();
            for (long i = onlyLast ? version : 1; i <= version; i++) {
                String p = stem.substring(0, stem.length() - 7);
                expected.add(numbered(p, i, "a"));
                expected.add(numbered(p, i, "b"));
            }
            assertEquals(expected, names, "a listing saw part of a batch");
            return version;
        }
    }
}
