package dev.steadfast.tck;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every piece of state a store exposes, read through its public methods, so that two captures can be compared
 * with {@code equals}: journal heads and retained entries, snapshots, records by namespace, and fences.
 */
record StoreState(Map<StreamId, Long> heads, List<Entry> entries, List<Snapshot> snapshots,
                  List<StoredRecord> records, List<String> namespaces, List<Fence> fences) {

    static StoreState of(Store store) {
        Map<StreamId, Long> heads = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (StreamId stream : store.listStreams("")) {
            heads.put(stream, store.journalHead(stream));
            try (Stream<Entry> s = store.readJournal(stream, 1)) {
                s.forEach(entries::add);
            }
        }
        List<Snapshot> snapshots = new ArrayList<>();
        for (String key : store.listSnapshots("")) {
            snapshots.add(store.loadSnapshot(key).orElseThrow(
                    () -> new AssertionError("listed snapshot '" + key + "' cannot be loaded")));
        }
        List<String> namespaces = store.listNamespaces("");
        List<StoredRecord> records = new ArrayList<>();
        for (String ns : namespaces) {
            try (Stream<StoredRecord> s = store.scanRecords(ns)) {
                s.forEach(records::add);
            }
        }
        return new StoreState(heads, entries, snapshots, records, namespaces, store.listFences(""));
    }
}
