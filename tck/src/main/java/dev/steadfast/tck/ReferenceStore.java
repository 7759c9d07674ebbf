package dev.steadfast.tck;

import dev.steadfast.spi.Conflict;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A deliberately plain, obviously correct store: one monitor, sorted maps, and a batch applied to a deep copy of
 * the state that replaces it only when everything held. It is the reference model of {@link ModelTests}, and the
 * correct store the kit's own self-test runs against. Stores opened on the same directory share their state for
 * the life of the JVM, so it can declare itself durable and shared and run every group of the kit (its
 * "durability" is the JVM's heap, which is all the kit can observe).
 */
final class ReferenceStore implements Store {
    static final int MAX_PAYLOAD = 2 << 20;
    private static final Map<Path, Data[]> BY_DIR = new ConcurrentHashMap<>();

    /** Everything stored; copied whole for each batch, which is fine at test sizes. */
    private static final class Data {
        Map<String, Long> heads = new TreeMap<>(Names.CODE_POINT_ORDER);
        Map<String, TreeMap<Long, byte[]>> entries = new TreeMap<>(Names.CODE_POINT_ORDER);
        Map<String, Snapshot> snapshots = new TreeMap<>(Names.CODE_POINT_ORDER);
        Map<String, TreeMap<RecordKey, byte[]>> records = new TreeMap<>(Names.CODE_POINT_ORDER);
        Map<String, Fence> fences = new TreeMap<>(Names.CODE_POINT_ORDER);

        Data copy() {
            Data d = new Data();
            d.heads.putAll(heads);
            entries.forEach((k, v) -> d.entries.put(k, new TreeMap<>(v)));
            d.snapshots.putAll(snapshots);
            records.forEach((k, v) -> d.records.put(k, new TreeMap<>(v)));
            d.fences.putAll(fences);
            return d;
        }
    }

    private final Data[] cell;
    private final StoreDescriptor descriptor;
    private volatile boolean closed;

    private ReferenceStore(Data[] cell, String location) {
        this.cell = cell;
        // Encrypted holds trivially: it writes no file at all, so the kit's encryption group runs and finds nothing.
        this.descriptor = new StoreDescriptor("simple", location, true, true, true, MAX_PAYLOAD);
    }

    /** A handle on the store kept for {@code dir}. */
    static Store open(Path dir) {
        return new ReferenceStore(BY_DIR.computeIfAbsent(dir, d -> new Data[] {new Data()}), dir.toString());
    }

    /** A store of its own, whatever the directory. */
    static Store fresh() {
        return new ReferenceStore(new Data[] {new Data()}, "fresh");
    }

    @Override
    public StoreDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public WriteResult apply(WriteBatch batch) {
        return applyAll(List.of(Objects.requireNonNull(batch, "batch"))).get(0);
    }

    @Override
    public List<WriteResult> applyAll(List<WriteBatch> batches) {
        Objects.requireNonNull(batches, "batches");
        for (WriteBatch b : batches) {
            Objects.requireNonNull(b, "batch").requirePayloadsAtMost(MAX_PAYLOAD);
        }
        synchronized (cell) {
            open();
            List<WriteResult> results = new ArrayList<>();
            for (WriteBatch b : batches) {
                Data staged = cell[0].copy();
                Conflict conflict = applyTo(staged, b);
                if (conflict == null) {
                    cell[0] = staged;
                }
                results.add(conflict == null ? WriteResult.committed() : conflict);
            }
            return results;
        }
    }

    private static Conflict applyTo(Data d, WriteBatch batch) {
        for (Guard g : batch.guards()) {
            if (g instanceof Guard.FenceAt f && epoch(d, f.name()) != f.epoch()) {
                return fencedOut(d, f.name(), f.epoch());
            }
            if (g instanceof Guard.JournalAt j && head(d, j.stream()) != j.head()) {
                return new SequenceConflict(j.stream(), j.head(), head(d, j.stream()));
            }
        }
        for (WriteOp op : batch.operations()) {
            if (op instanceof WriteOp.Append a) {
                long head = head(d, a.stream());
                if (head != a.expectedHead()) {
                    return new SequenceConflict(a.stream(), a.expectedHead(), head);
                }
                TreeMap<Long, byte[]> es = d.entries.computeIfAbsent(a.stream().value(), k -> new TreeMap<>());
                for (byte[] p : a.payloads()) {
                    es.put(++head, p.clone());
                }
                d.heads.put(a.stream().value(), head);
            } else if (op instanceof WriteOp.TruncateJournal t) {
                TreeMap<Long, byte[]> es = d.entries.get(t.stream().value());
                if (es != null) {
                    es.headMap(t.upToSequence(), true).clear();
                }
            } else if (op instanceof WriteOp.PutSnapshot p) {
                Snapshot s = p.snapshot();
                d.snapshots.put(s.key(), new Snapshot(s.key(), s.coveredSequence(), s.payload().clone()));
            } else if (op instanceof WriteOp.DeleteSnapshot del) {
                d.snapshots.remove(del.key());
            } else if (op instanceof WriteOp.PutRecord r) {
                d.records.computeIfAbsent(r.namespace(), k -> new TreeMap<>()).put(r.key(), r.value().clone());
            } else if (op instanceof WriteOp.RemoveRecord r) {
                TreeMap<RecordKey, byte[]> ns = d.records.get(r.namespace());
                if (ns != null) {
                    ns.remove(r.key());
                    if (ns.isEmpty()) {
                        d.records.remove(r.namespace());
                    }
                }
            } else if (op instanceof WriteOp.DropNamespace dn) {
                d.records.remove(dn.namespace());
            } else if (op instanceof WriteOp.SetFence f) {
                if (!f.admits(d.fences.get(f.fence().name()))) {
                    return fencedOut(d, f.fence().name(), f.expectedEpoch());
                }
                d.fences.put(f.fence().name(), f.fence());
            }
        }
        return null;
    }

    private static long head(Data d, StreamId s) {
        return d.heads.getOrDefault(s.value(), 0L);
    }

    private static long epoch(Data d, String fence) {
        Fence f = d.fences.get(fence);
        return f == null ? 0 : f.epoch();
    }

    private static FencedOut fencedOut(Data d, String name, long expected) {
        Fence f = d.fences.get(name);
        return new FencedOut(name, expected, f == null ? 0 : f.epoch(), f == null ? "" : f.owner());
    }

    private Data data() {
        synchronized (cell) {
            open();
            return cell[0];
        }
    }

    private void open() {
        if (closed) {
            throw new StoreClosedException(descriptor.location());
        }
    }

    private static void atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
        }
    }

    private static <T> List<T> withPrefix(Map<String, T> map, String prefix) {
        return map.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue).toList();
    }

    @Override
    public long journalHead(StreamId stream) {
        Objects.requireNonNull(stream, "stream");
        return head(data(), stream);
    }

    @Override
    public Stream<Entry> readJournal(StreamId stream, long from, long to, int max) {
        Objects.requireNonNull(stream, "stream");
        atLeast("fromSequence", from, 1);
        atLeast("toSequence", to, 0);
        atLeast("maxEntries", max, 0);
        TreeMap<Long, byte[]> es = data().entries.getOrDefault(stream.value(), new TreeMap<>());
        if (to < from) {
            return Stream.empty();
        }
        return es.subMap(from, true, to, true).entrySet().stream().limit(max)
                .map(e -> new Entry(stream, e.getKey(), e.getValue())).toList().stream();
    }

    @Override
    public List<StreamId> listStreams(String prefix) {
        Names.requirePrefix("stream id prefix", prefix);
        return data().heads.keySet().stream().filter(k -> k.startsWith(prefix)).map(StreamId::of).toList();
    }

    @Override
    public Optional<Snapshot> loadSnapshot(String key) {
        Names.require("snapshot key", key);
        return Optional.ofNullable(data().snapshots.get(key));
    }

    @Override
    public List<String> listSnapshots(String prefix) {
        Names.requirePrefix("snapshot key prefix", prefix);
        return withPrefix(data().snapshots, prefix).stream().map(Snapshot::key).toList();
    }

    @Override
    public Optional<byte[]> getRecord(String namespace, RecordKey key) {
        Names.require("record namespace", namespace);
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(data().records.getOrDefault(namespace, new TreeMap<>()).get(key)).map(byte[]::clone);
    }

    @Override
    public Stream<StoredRecord> scanRecords(String namespace, KeyRange range, int limit) {
        Names.require("record namespace", namespace);
        Objects.requireNonNull(range, "range");
        atLeast("limit", limit, 0);
        return data().records.getOrDefault(namespace, new TreeMap<>()).entrySet().stream()
                .filter(e -> range.contains(e.getKey())).limit(limit)
                .map(e -> new StoredRecord(namespace, e.getKey(), e.getValue())).toList().stream();
    }

    @Override
    public List<String> listNamespaces(String prefix) {
        Names.requirePrefix("record namespace prefix", prefix);
        return data().records.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    @Override
    public Optional<Fence> readFence(String name) {
        Names.require("fence name", name);
        return Optional.ofNullable(data().fences.get(name));
    }

    @Override
    public List<Fence> listFences(String prefix) {
        Names.requirePrefix("fence name prefix", prefix);
        return withPrefix(data().fences, prefix);
    }

    @Override
    public void close() {
        closed = true;
    }
}
