package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.Names;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.StreamId;

import java.util.TreeMap;

/**
 * The in-memory state rebuilt from the segments: journal locations, records, snapshots and fences. Mutated only
 * by the writer (under the store's write lock) after a record is durable; read under the read lock.
 */
final class StoreIndex {
    final TreeMap<StreamId, JournalIndex> journals = new TreeMap<>();
    final TreeMap<String, Snapshot> snapshots = new TreeMap<>(Names.CODE_POINT_ORDER);
    final TreeMap<String, TreeMap<RecordKey, byte[]>> records = new TreeMap<>(Names.CODE_POINT_ORDER);
    final TreeMap<String, Fence> fences = new TreeMap<>(Names.CODE_POINT_ORDER);

    long head(StreamId stream) {
        JournalIndex j = journals.get(stream);
        return j == null ? 0 : j.head();
    }

    /** Applies one logged change; {@code location} is where its record lives. */
    void apply(Change change, long location) {
        if (change instanceof Change.Appended a) {
            journals.computeIfAbsent(a.stream(), s -> new JournalIndex())
                    .append(a.firstSequence(), a.payloads().size(), location);
        } else if (change instanceof Change.HeadRaised h) {
            journals.computeIfAbsent(h.stream(), s -> new JournalIndex()).raiseHead(h.head());
        } else if (change instanceof Change.Truncated t) {
            JournalIndex j = journals.get(t.stream());
            if (j != null) {
                j.truncate(t.upTo());
            }
        } else if (change instanceof Change.SnapshotPut s) {
            snapshots.put(s.snapshot().key(), s.snapshot());
        } else if (change instanceof Change.SnapshotDeleted d) {
            snapshots.remove(d.key());
        } else if (change instanceof Change.RecordPut r) {
            records.computeIfAbsent(r.namespace(), n -> new TreeMap<>()).put(r.key(), r.value());
        } else if (change instanceof Change.RecordRemoved r) {
            TreeMap<RecordKey, byte[]> ns = records.get(r.namespace());
            if (ns != null && ns.remove(r.key()) != null && ns.isEmpty()) {
                records.remove(r.namespace());
            }
        } else if (change instanceof Change.NamespaceDropped d) {
            records.remove(d.namespace());
        } else if (change instanceof Change.FenceSet f) {
            fences.put(f.fence().name(), f.fence());
        }
    }
}
