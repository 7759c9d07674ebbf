package dev.steadfast.examples.backend;

import dev.steadfast.spi.Conflict;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.Names;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreClosedException;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StoreIOException;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A store that keeps everything in memory ({@link WalState}) and every committed batch in a write-ahead log
 * ({@link WalFile}). One lock serialises all calls: simple, and enough for one process.
 *
 * <p>Reads copy what they return under the lock, so their streams need no cursor; that is fine here because the
 * whole store is in memory anyway.
 */
final class WalStore implements Store {
    private final StoreDescriptor descriptor;
    private final WalState state = new WalState();
    private final WalFile log;
    private boolean closed;

    WalStore(Path file) throws IOException {
        this.descriptor = new StoreDescriptor("wal", file.toString(), true, false, false,
                StoreDescriptor.MIN_MAX_PAYLOAD_BYTES, true);
        this.log = WalFile.open(file, ops -> ops.forEach(state::apply));
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
    public synchronized List<WriteResult> applyAll(List<WriteBatch> batches) {
        Objects.requireNonNull(batches, "batches");
        batches.forEach(b -> Objects.requireNonNull(b, "batch").requirePayloadsAtMost(descriptor.maxPayloadBytes()));
        checkOpen();
        List<WriteResult> results = new ArrayList<>();
        List<byte[]> frames = new ArrayList<>();
        for (WriteBatch batch : batches) {
            Conflict conflict = state.conflict(batch);
            if (conflict != null) {
                results.add(conflict);
                continue;
            }
            // Applied in memory now so that the next batch of the call sees it; logged below.
            batch.operations().forEach(state::apply);
            frames.add(WalCodec.encode(batch.operations()));
            results.add(WriteResult.committed());
        }
        if (!frames.isEmpty()) {
            // A FileChannel touched by an interrupted thread closes for good, which would end this store for every
            // caller (the kit's InterruptedCallers group checks it). The interrupt belongs to the caller: set it
            // aside for the write and give it back afterwards.
            boolean interrupted = Thread.interrupted();
            try {
                log.append(frames);
            } catch (IOException e) {
                // Memory is ahead of the disk now: refuse everything from here on; a reopen replays what made it.
                close();
                throw new StoreIOException("wal store " + descriptor.location() + ": writing the log failed, the"
                        + " batches may or may not be on disk; the handle is closed", e);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return results;
    }

    @Override
    public long journalHead(StreamId stream) {
        Objects.requireNonNull(stream, "stream");
        return read(() -> state.head(stream));
    }

    @Override
    public Stream<Entry> readJournal(StreamId stream, long fromSequence, long toSequence, int maxEntries) {
        Objects.requireNonNull(stream, "stream");
        atLeast("fromSequence", fromSequence, 1);
        atLeast("toSequence", toSequence, 0);
        atLeast("maxEntries", maxEntries, 0);
        return read(() -> {
            NavigableMap<Long, byte[]> journal = state.entries.getOrDefault(stream.value(), new TreeMap<>());
            if (toSequence < fromSequence) {
                return Stream.<Entry>empty();
            }
            return journal.subMap(fromSequence, true, toSequence, true).entrySet().stream().limit(maxEntries)
                    .map(e -> new Entry(stream, e.getKey(), e.getValue().clone())).toList().stream();
        });
    }

    @Override
    public List<StreamId> listStreams(String prefix) {
        Names.requirePrefix("stream id prefix", prefix);
        return read(() -> keys(state.heads, prefix).stream().map(StreamId::of).toList());
    }

    @Override
    public Optional<Snapshot> loadSnapshot(String key) {
        Names.require("snapshot key", key);
        return read(() -> Optional.ofNullable(state.snapshots.get(key)));
    }

    @Override
    public List<String> listSnapshots(String prefix) {
        Names.requirePrefix("snapshot key prefix", prefix);
        return read(() -> keys(state.snapshots, prefix));
    }

    @Override
    public Optional<byte[]> getRecord(String namespace, RecordKey key) {
        Names.require("record namespace", namespace);
        Objects.requireNonNull(key, "record key");
        return read(() -> Optional.ofNullable(state.records.getOrDefault(namespace, new TreeMap<>()).get(key))
                .map(byte[]::clone));
    }

    @Override
    public Stream<StoredRecord> scanRecords(String namespace, KeyRange range, int limit) {
        Names.require("record namespace", namespace);
        Objects.requireNonNull(range, "range");
        atLeast("limit", limit, 0);
        return read(() -> state.records.getOrDefault(namespace, new TreeMap<>()).entrySet().stream()
                .filter(e -> range.contains(e.getKey())).limit(limit)
                .map(e -> new StoredRecord(namespace, e.getKey(), e.getValue().clone())).toList().stream());
    }

    @Override
    public List<String> listNamespaces(String prefix) {
        Names.requirePrefix("record namespace prefix", prefix);
        return read(() -> keys(state.records, prefix));
    }

    @Override
    public Optional<Fence> readFence(String name) {
        Names.require("fence name", name);
        return read(() -> Optional.ofNullable(state.fences.get(name)));
    }

    @Override
    public List<Fence> listFences(String prefix) {
        Names.requirePrefix("fence name prefix", prefix);
        return read(() -> keys(state.fences, prefix).stream().map(state.fences::get).toList());
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                log.close();
            } catch (IOException e) {
                throw new StoreIOException("wal store " + descriptor.location() + ": closing the log failed", e);
            }
        }
    }

    private static List<String> keys(NavigableMap<String, ?> map, String prefix) {
        return map.tailMap(prefix, true).keySet().stream().takeWhile(k -> k.startsWith(prefix)).toList();
    }

    private static void atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
        }
    }

    private synchronized <T> T read(Supplier<T> body) {
        checkOpen();
        return body.get();
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreClosedException(descriptor.location());
        }
    }
}
