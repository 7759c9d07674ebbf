package dev.steadfast.cli;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Walks everything a store holds through the read API and checks what the SPI promises: each journal's retained
 * entries form a gap-free run ending at its head, every snapshot of a journal covers no more than its head, every
 * listed item can be read, records come in key order. A read that throws is a fault at the place it was reading,
 * and the walk goes on. Works on any {@link Store}, so tests can hand it one with a fault injected.
 */
final class StoreVerifier {
    private final Store store;
    private final List<Verification.Fault> faults = new ArrayList<>();
    private final Map<String, Long> heads = new HashMap<>();
    private long entries;
    private long records;

    StoreVerifier(Store store) {
        this.store = store;
    }

    Verification verify() {
        List<StreamId> streams = store.listStreams("");
        streams.forEach(this::journal);
        List<String> snapshotKeys = store.listSnapshots("");
        snapshotKeys.forEach(this::snapshot);
        List<Fence> fences = store.listFences("");
        fences.forEach(this::fence);
        List<String> namespaces = store.listNamespaces("");
        namespaces.forEach(this::namespace);
        return new Verification(streams.size(), entries, snapshotKeys.size(), fences.size(), namespaces.size(),
                records, List.copyOf(faults));
    }

    private void journal(StreamId stream) {
        String where = "journal '" + stream.value() + "'";
        long head = store.journalHead(stream);
        heads.put(stream.value(), head);
        long last = 0;
        try (Stream<Entry> read = store.readJournal(stream, 1, Long.MAX_VALUE, Integer.MAX_VALUE)) {
            for (Iterator<Entry> it = read.iterator(); it.hasNext(); ) {
                Entry e = it.next();
                entries++;
                long seq = e.sequence();
                if (!e.stream().equals(stream)) {
                    fault(where + " sequence " + seq, "entry belongs to journal '" + e.stream().value() + "'");
                } else if (seq > head) {
                    fault(where + " sequence " + seq, "entry is beyond the journal head " + head);
                } else if (last != 0 && seq <= last) {
                    fault(where + " sequence " + seq, "entry comes after sequence " + last + ", out of order");
                } else if (last != 0 && seq != last + 1) {
                    fault(where + sequences(last + 1, seq - 1),
                            "missing: sequence " + last + " is followed by " + seq);
                }
                last = Math.max(last, seq);
            }
        } catch (RuntimeException e) {
            fault(where + (last == 0 ? " at its start" : " after sequence " + last), "read failed: " + describe(e));
            return;
        }
        if (last != 0 && last < head) {
            fault(where + sequences(last + 1, head),
                    "missing: the last retained entry is " + last + " but the head is " + head);
        }
    }

    private void snapshot(String key) {
        String where = "snapshot '" + key + "'";
        Optional<Snapshot> loaded;
        try {
            loaded = store.loadSnapshot(key);
        } catch (RuntimeException e) {
            fault(where, "load failed: " + describe(e));
            return;
        }
        if (loaded.isEmpty()) {
            fault(where, "listed but not found when loaded");
            return;
        }
        Snapshot s = loaded.get();
        if (!s.key().equals(key)) {
            fault(where, "loaded a snapshot keyed '" + s.key() + "'");
        }
        Long head = heads.get(key);
        if (head != null && s.coveredSequence() > head) {
            fault(where, "covers sequence " + s.coveredSequence() + " but journal '" + key + "' ends at " + head);
        }
    }

    private void fence(Fence listed) {
        String where = "fence '" + listed.name() + "'";
        try {
            Optional<Fence> read = store.readFence(listed.name());
            if (read.isEmpty()) {
                fault(where, "listed but not found when read");
            } else if (read.get().epoch() != listed.epoch() || !read.get().owner().equals(listed.owner())) {
                fault(where, "listed at epoch " + listed.epoch() + " (owner '" + listed.owner() + "') but read at epoch "
                        + read.get().epoch() + " (owner '" + read.get().owner() + "')");
            }
        } catch (RuntimeException e) {
            fault(where, "read failed: " + describe(e));
        }
    }

    private void namespace(String namespace) {
        String where = "namespace '" + namespace + "'";
        RecordKey previous = null;
        try (Stream<StoredRecord> scan = store.scanRecords(namespace, KeyRange.all(), Integer.MAX_VALUE)) {
            for (Iterator<StoredRecord> it = scan.iterator(); it.hasNext(); ) {
                StoredRecord r = it.next();
                records++;
                if (!r.namespace().equals(namespace)) {
                    fault(where + " record " + r.key(), "belongs to namespace '" + r.namespace() + "'");
                } else if (previous != null && previous.compareTo(r.key()) >= 0) {
                    fault(where + " record " + r.key(), "comes after record " + previous + ", out of key order");
                }
                previous = r.key();
            }
        } catch (RuntimeException e) {
            fault(where + (previous == null ? " at its start" : " after record " + previous),
                    "read failed: " + describe(e));
        }
    }

    private static String sequences(long from, long to) {
        return from == to ? " sequence " + from : " sequences " + from + ".." + to;
    }

    private void fault(String location, String problem) {
        faults.add(new Verification.Fault(location, problem));
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage() == null ? "" : ": " + ErrorReport.firstLine(e.getMessage());
        return e.getClass().getSimpleName() + message;
    }
}
