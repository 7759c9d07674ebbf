package dev.steadfast;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.Guard;
import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.Names;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreClosedException;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A small, obviously correct volatile store for core's tests, served by {@link FixtureStoreProvider} under
 * {@code test-fixture:}. One monitor guards everything; a failed batch is rolled back with an undo log.
 */
public final class FixtureStore implements Store {
    private final StoreDescriptor descriptor;
    private final Map<StreamId, Long> heads = new HashMap<>();
    private final Map<StreamId, TreeMap<Long, byte[]>> entries = new HashMap<>();
    private final Map<String, Snapshot> snapshots = new HashMap<>();
    private final Map<String, TreeMap<RecordKey, byte[]>> records = new HashMap<>();
    private final Map<String, Fence> fences = new HashMap<>();
    private boolean closed;

    /** A store whose descriptor names {@code location}. */
    public FixtureStore(String location) {
        this.descriptor = new StoreDescriptor("test-fixture", location, false, false, false,
                StoreDescriptor.MIN_MAX_PAYLOAD_BYTES);
    }

    /** Whether {@link #close()} was called. */
    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public StoreDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public synchronized WriteResult apply(WriteBatch batch) {
        Objects.requireNonNull(batch, "batch");
        ensureOpen();
        for (Guard guard : batch.guards()) {
            WriteResult conflict = check(guard);
            if (conflict != null) {
                return conflict;
            }
        }
        Deque<Runnable> undo = new ArrayDeque<>();
        for (WriteOp op : batch.operations()) {
            WriteResult conflict = applyOp(op, undo);
            if (conflict != null) {
                undo.forEach(Runnable::run);
                return conflict;
            }
        }
        return WriteResult.committed();
    }

    private WriteResult check(Guard guard) {
        if (guard instanceof Guard.FenceAt f) {
            long epoch = fences.containsKey(f.name()) ? fences.get(f.name()).epoch() : 0;
            return epoch == f.epoch() ? null : fencedOut(f.name(), f.epoch());
        }
        Guard.JournalAt j = (Guard.JournalAt) guard;
        long head = heads.getOrDefault(j.stream(), 0L);
        return head == j.head() ? null : new SequenceConflict(j.stream(), j.head(), head);
    }

    private FencedOut fencedOut(String name, long expected) {
        Fence found = fences.get(name);
        return new FencedOut(name, expected, found == null ? 0 : found.epoch(), found == null ? "" : found.owner());
    }

    private WriteResult applyOp(WriteOp op, Deque<Runnable> undo) {
        if (op instanceof WriteOp.Append a) {
            long head = heads.getOrDefault(a.stream(), 0L);
            if (head != a.expectedHead()) {
                return new SequenceConflict(a.stream(), a.expectedHead(), head);
            }
            TreeMap<Long, byte[]> journal = entries.computeIfAbsent(a.stream(), s -> new TreeMap<>());
            for (int i = 0; i < a.payloads().size(); i++) {
                journal.put(head + 1 + i, a.payloads().get(i));
            }
            heads.put(a.stream(), a.newHead());
            undo.push(() -> {
                journal.subMap(head, false, a.newHead(), true).clear();
                heads.put(a.stream(), head);
            });
        } else if (op instanceof WriteOp.SetFence s) {
            Fence old = fences.get(s.fence().name());
            if ((old == null ? 0 : old.epoch()) != s.expectedEpoch()) {
                return fencedOut(s.fence().name(), s.expectedEpoch());
            }
            fences.put(s.fence().name(), s.fence());
            undo.push(() -> restore(fences, s.fence().name(), old));
        } else if (op instanceof WriteOp.PutSnapshot p) {
            Snapshot old = snapshots.put(p.snapshot().key(), p.snapshot());
            undo.push(() -> restore(snapshots, p.snapshot().key(), old));
        } else if (op instanceof WriteOp.DeleteSnapshot d) {
            Snapshot old = snapshots.remove(d.key());
            undo.push(() -> restore(snapshots, d.key(), old));
        } else if (op instanceof WriteOp.PutRecord r) {
            byte[] old = records.computeIfAbsent(r.namespace(), n -> new TreeMap<>()).put(r.key(), r.value());
            undo.push(() -> restore(records.computeIfAbsent(r.namespace(), n -> new TreeMap<>()), r.key(), old));
        } else if (op instanceof WriteOp.RemoveRecord r) {
            byte[] old = records.computeIfAbsent(r.namespace(), n -> new TreeMap<>()).remove(r.key());
            undo.push(() -> restore(records.computeIfAbsent(r.namespace(), n -> new TreeMap<>()), r.key(), old));
        } else if (op instanceof WriteOp.DropNamespace d) {
            TreeMap<RecordKey, byte[]> old = records.remove(d.namespace());
            undo.push(() -> restore(records, d.namespace(), old));
        } else if (op instanceof WriteOp.TruncateJournal t) {
            TreeMap<Long, byte[]> journal = entries.computeIfAbsent(t.stream(), s -> new TreeMap<>());
            TreeMap<Long, byte[]> removed = new TreeMap<>(journal.headMap(t.upToSequence(), true));
            journal.headMap(t.upToSequence(), true).clear();
            undo.push(() -> journal.putAll(removed));
        }
        return null;
    }

    private static <K, V> void restore(Map<K, V> map, K key, V old) {
        if (old == null) {
            map.remove(key);
        } else {
            map.put(key, old);
        }
    }

    @Override
    public synchronized long journalHead(StreamId stream) {
        Objects.requireNonNull(stream, "stream");
        ensureOpen();
        return heads.getOrDefault(stream, 0L);
    }

    @Override
    public synchronized Stream<Entry> readJournal(StreamId stream, long fromSequence, long toSequence,
                                                  int maxEntries) {
        Objects.requireNonNull(stream, "stream");
        if (fromSequence < 1 || toSequence < 0 || maxEntries < 0) {
            throw new IllegalArgumentException("bad range " + fromSequence + ".." + toSequence + " max " + maxEntries);
        }
        ensureOpen();
        List<Entry> out = new ArrayList<>();
        if (toSequence >= fromSequence) {
            entries.getOrDefault(stream, new TreeMap<>()).subMap(fromSequence, true, toSequence, true)
                    .forEach((seq, payload) -> {
                        if (out.size() < maxEntries) {
                            out.add(new Entry(stream, seq, payload));
                        }
                    });
        }
        return out.stream();
    }

    @Override
    public synchronized List<StreamId> listStreams(String prefix) {
        Names.requirePrefix("prefix", prefix);
        ensureOpen();
        return heads.entrySet().stream().filter(e -> e.getValue() > 0 && e.getKey().value().startsWith(prefix))
                .map(Map.Entry::getKey).sorted().toList();
    }

    @Override
    public synchronized Optional<Snapshot> loadSnapshot(String key) {
        Names.require("snapshot key", key);
        ensureOpen();
        return Optional.ofNullable(snapshots.get(key));
    }

    @Override
    public synchronized List<String> listSnapshots(String prefix) {
        Names.requirePrefix("prefix", prefix);
        ensureOpen();
        return snapshots.keySet().stream().filter(k -> k.startsWith(prefix)).sorted(Names.CODE_POINT_ORDER).toList();
    }

    @Override
    public synchronized Optional<byte[]> getRecord(String namespace, RecordKey key) {
        Names.require("record namespace", namespace);
        Objects.requireNonNull(key, "record key");
        ensureOpen();
        return Optional.ofNullable(records.getOrDefault(namespace, new TreeMap<>()).get(key)).map(byte[]::clone);
    }

    @Override
    public synchronized Stream<StoredRecord> scanRecords(String namespace, KeyRange range, int limit) {
        Names.require("record namespace", namespace);
        Objects.requireNonNull(range, "range");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        ensureOpen();
        return records.getOrDefault(namespace, new TreeMap<>()).entrySet().stream()
                .filter(e -> range.contains(e.getKey())).limit(limit)
                .map(e -> new StoredRecord(namespace, e.getKey(), e.getValue())).toList().stream();
    }

    @Override
    public synchronized List<String> listNamespaces(String prefix) {
        Names.requirePrefix("prefix", prefix);
        ensureOpen();
        return records.entrySet().stream().filter(e -> !e.getValue().isEmpty() && e.getKey().startsWith(prefix))
                .map(Map.Entry::getKey).sorted(Names.CODE_POINT_ORDER).toList();
    }

    @Override
    public synchronized Optional<Fence> readFence(String name) {
        Names.require("fence name", name);
        ensureOpen();
        return Optional.ofNullable(fences.get(name));
    }

    @Override
    public synchronized List<Fence> listFences(String prefix) {
        Names.requirePrefix("prefix", prefix);
        ensureOpen();
        return fences.values().stream().filter(f -> f.name().startsWith(prefix))
                .sorted((a, b) -> Names.CODE_POINT_ORDER.compare(a.name(), b.name())).toList();
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreClosedException(descriptor.location());
        }
    }
}
