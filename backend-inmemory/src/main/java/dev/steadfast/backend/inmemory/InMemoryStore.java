package dev.steadfast.backend.inmemory;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.Names;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreClosedException;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** One handle on a {@link MemoryState}: validates arguments, checks it is open, and locks around the state. */
final class InMemoryStore implements Store {
    private final MemoryState state;
    private final StoreDescriptor descriptor;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    InMemoryStore(MemoryState state, StoreDescriptor descriptor, Runnable onClose) {
        this.state = state;
        this.descriptor = descriptor;
        this.onClose = onClose;
    }

    @Override
    public StoreDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public WriteResult apply(WriteBatch batch) {
        validate(batch);
        return write(() -> state.applyLocked(batch));
    }

    @Override
    public List<WriteResult> applyAll(List<WriteBatch> batches) {
        Objects.requireNonNull(batches, "batches");
        batches.forEach(this::validate);
        return write(() -> {
            List<WriteResult> results = new ArrayList<>(batches.size());
            for (WriteBatch batch : batches) {
                results.add(state.applyLocked(batch));
            }
            return results;
        });
    }

    @Override
    public long journalHead(StreamId stream) {
        Objects.requireNonNull(stream, "stream");
        return read(() -> state.head(stream));
    }

    @Override
    public Stream<Entry> readJournal(StreamId stream, long fromSequence, long toSequence, int maxEntries) {
        Objects.requireNonNull(stream, "stream");
        requireAtLeast("fromSequence", fromSequence, 1);
        requireAtLeast("toSequence", toSequence, 0);
        requireAtLeast("maxEntries", maxEntries, 0);
        checkOpen();
        long limit = toSequence < fromSequence ? 0 : maxEntries;
        return new ChunkedIterator<Entry>(limit) {
            @Override
            List<Entry> fetch(Entry last, int max) {
                long from = last == null ? fromSequence : last.sequence() + 1;
                if (last != null && last.sequence() >= toSequence) {
                    return List.of();
                }
                return read(() -> {
                    var journal = state.journals.get(stream.value());
                    List<Entry> chunk = new ArrayList<>();
                    if (journal != null) {
                        for (Map.Entry<Long, byte[]> e : journal.entries.subMap(from, true, toSequence, true).entrySet()) {
                            if (chunk.size() == max) {
                                break;
                            }
                            chunk.add(new Entry(stream, e.getKey(), e.getValue()));
                        }
                    }
                    return chunk;
                });
            }
        }.stream();
    }

    @Override
    public List<StreamId> listStreams(String prefix) {
        Names.requirePrefix("stream id prefix", prefix);
        return read(() -> withPrefix(state.journals, prefix).keySet().stream().map(StreamId::of).toList());
    }

    @Override
    public Optional<Snapshot> loadSnapshot(String key) {
        Names.require("snapshot key", key);
        return read(() -> Optional.ofNullable(state.snapshots.get(key)));
    }

    @Override
    public List<String> listSnapshots(String prefix) {
        Names.requirePrefix("snapshot key prefix", prefix);
        return read(() -> List.copyOf(withPrefix(state.snapshots, prefix).keySet()));
    }

    @Override
    public Optional<byte[]> getRecord(String namespace, RecordKey key) {
        Names.require("record namespace", namespace);
        Objects.requireNonNull(key, "record key");
        return read(() -> {
            NavigableMap<RecordKey, byte[]> ns = state.records.get(namespace);
            byte[] value = ns == null ? null : ns.get(key);
            return Optional.ofNullable(value == null ? null : value.clone());
        });
    }

    @Override
    public Stream<StoredRecord> scanRecords(String namespace, KeyRange range, int limit) {
        Names.require("record namespace", namespace);
        Objects.requireNonNull(range, "range");
        requireAtLeast("limit", limit, 0);
        checkOpen();
        return new ChunkedIterator<StoredRecord>(limit) {
            @Override
            List<StoredRecord> fetch(StoredRecord last, int max) {
                return read(() -> {
                    NavigableMap<RecordKey, byte[]> view = state.records.get(namespace);
                    List<StoredRecord> chunk = new ArrayList<>();
                    if (view == null) {
                        return chunk;
                    }
                    if (last != null) {
                        view = view.tailMap(last.key(), false);
                    } else if (range.fromInclusive() != null) {
                        view = view.tailMap(range.fromInclusive(), true);
                    }
                    for (Map.Entry<RecordKey, byte[]> e : view.entrySet()) {
                        if (chunk.size() == max || !range.contains(e.getKey())) {
                            break;
                        }
                        chunk.add(new StoredRecord(namespace, e.getKey(), e.getValue()));
                    }
                    return chunk;
                });
            }
        }.stream();
    }

    @Override
    public List<String> listNamespaces(String prefix) {
        Names.requirePrefix("record namespace prefix", prefix);
        return read(() -> List.copyOf(withPrefix(state.records, prefix).keySet()));
    }

    @Override
    public Optional<Fence> readFence(String name) {
        Names.require("fence name", name);
        return read(() -> Optional.ofNullable(state.fences.get(name)));
    }

    @Override
    public List<Fence> listFences(String prefix) {
        Names.requirePrefix("fence name prefix", prefix);
        return read(() -> List.copyOf(withPrefix(state.fences, prefix).values()));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
        }
    }

    @Override
    public String toString() {
        return "InMemoryStore[" + descriptor.location() + "]";
    }

    private void validate(WriteBatch batch) {
        Objects.requireNonNull(batch, "batch").requirePayloadsAtMost(descriptor.maxPayloadBytes());
    }

    private static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
        }
    }

    private static <V> NavigableMap<String, V> withPrefix(NavigableMap<String, V> map, String prefix) {
        if (prefix.isEmpty()) {
            return map;
        }
        // Names with a prefix form one run in code point order, starting at the prefix itself.
        NavigableMap<String, V> tail = map.tailMap(prefix, true);
        String end = null;
        for (String key : tail.keySet()) {
            if (!key.startsWith(prefix)) {
                end = key;
                break;
            }
        }
        return end == null ? tail : tail.headMap(end, false);
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new StoreClosedException(descriptor.location());
        }
    }

    private <T> T read(Supplier<T> body) {
        return locked(state.lock.readLock(), body);
    }

    private <T> T write(Supplier<T> body) {
        return locked(state.lock.writeLock(), body);
    }

    private <T> T locked(Lock lock, Supplier<T> body) {
        checkOpen();
        lock.lock();
        try {
            checkOpen();
            return body.get();
        } finally {
            lock.unlock();
        }
    }
}
