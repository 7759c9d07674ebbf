package dev.steadfast.cli;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a store holds, read through the SPI's read API only: journals with their heads, snapshots, fences and record
 * namespaces with their sizes. Journals and namespaces are read lazily, never whole.
 */
record Inventory(StoreDescriptor descriptor, List<Journal> journals, List<SnapshotInfo> snapshots,
                 List<Fence> fences, List<Namespace> namespaces) {

    /** A journal: its head and the first sequence still retained (0 when truncation removed every entry). */
    record Journal(String stream, long head, long firstRetained) {
    }

    /** A snapshot: its key, the journal sequence it covers and its payload size. */
    record SnapshotInfo(String key, long coveredSequence, int bytes) {
    }

    /** A record namespace: how many records and how many value bytes it holds. */
    record Namespace(String name, long records, long bytes) {
    }

    static Inventory of(Store store) {
        List<Journal> journals = new ArrayList<>();
        // Loops rather than lambdas here: each lambda is linked on its first run, a cost a quick command pays.
        for (StreamId stream : store.listStreams("")) {
            long first = 0;
            try (Stream<Entry> entries = store.readJournal(stream, 1, Long.MAX_VALUE, 1)) {
                Iterator<Entry> it = entries.iterator();
                if (it.hasNext()) {
                    first = it.next().sequence();
                }
            }
            journals.add(new Journal(stream.value(), store.journalHead(stream), first));
        }
        List<SnapshotInfo> snapshots = new ArrayList<>();
        for (String key : store.listSnapshots("")) {
            Optional<Snapshot> snapshot = store.loadSnapshot(key);
            if (snapshot.isPresent()) {
                Snapshot s = snapshot.get();
                snapshots.add(new SnapshotInfo(s.key(), s.coveredSequence(), s.payload().length));
            }
        }
        List<Namespace> namespaces = new ArrayList<>();
        for (String ns : store.listNamespaces("")) {
            long count = 0;
            long bytes = 0;
            try (Stream<StoredRecord> records = store.scanRecords(ns)) {
                for (Iterator<StoredRecord> it = records.iterator(); it.hasNext(); ) {
                    count++;
                    bytes += it.next().value().length;
                }
            }
            namespaces.add(new Namespace(ns, count, bytes));
        }
        return new Inventory(store.descriptor(), journals, snapshots, store.listFences(""), namespaces);
    }
}
