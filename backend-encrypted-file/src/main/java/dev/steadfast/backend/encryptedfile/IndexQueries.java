package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The listing and scanning queries over a {@link StoreIndex}; callers hold the state read lock. */
final class IndexQueries {
    private IndexQueries() {
    }

    static List<StreamId> streams(StoreIndex index, String prefix) {
        List<StreamId> out = new ArrayList<>();
        var tail = prefix.isEmpty() ? index.journals : index.journals.tailMap(StreamId.of(prefix), true);
        for (var e : tail.entrySet()) {
            if (!e.getKey().value().startsWith(prefix)) {
                break;
            }
            if (e.getValue().head() > 0) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** A copy of the record's value, so a caller cannot change the index. */
    static Optional<byte[]> record(StoreIndex index, String namespace, RecordKey key) {
        TreeMap<RecordKey, byte[]> ns = index.records.get(namespace);
        byte[] v = ns == null ? null : ns.get(key);
        return Optional.ofNullable(v == null ? null : v.clone());
    }

    static List<StoredRecord> records(StoreIndex index, String namespace, KeyRange range, int limit) {
        List<StoredRecord> list = new ArrayList<>();
        TreeMap<RecordKey, byte[]> ns = index.records.get(namespace);
        if (ns == null || limit == 0) {
            return list;
        }
        var view = range.fromInclusive() == null ? ns : ns.tailMap(range.fromInclusive(), true);
        for (var e : view.entrySet()) {
            if (list.size() >= limit || (range.toExclusive() != null && e.getKey().compareTo(range.toExclusive()) >= 0)) {
                break;
            }
            list.add(new StoredRecord(namespace, e.getKey(), e.getValue()));
        }
        return list;
    }

    static List<Fence> fences(StoreIndex index, String prefix) {
        List<Fence> out = new ArrayList<>();
        for (String k : keysWithPrefix(index.fences, prefix)) {
            out.add(index.fences.get(k));
        }
        return out;
    }

    static List<String> keysWithPrefix(TreeMap<String, ?> map, String prefix) {
        List<String> out = new ArrayList<>();
        for (String k : map.tailMap(prefix, true).keySet()) {
            if (!k.startsWith(prefix)) {
                break;
            }
            out.add(k);
        }
        return out;
    }
}
