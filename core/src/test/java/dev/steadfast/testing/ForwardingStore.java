package dev.steadfast.testing;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** A store that passes every call to another; subclasses override the calls they watch or disturb. */
public class ForwardingStore implements Store {
    private final Store delegate;

    /** Forwards to {@code delegate}. */
    public ForwardingStore(Store delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The store calls go to. */
    public Store delegate() {
        return delegate;
    }

    @Override
    public StoreDescriptor descriptor() {
        return delegate.descriptor();
    }

    @Override
    public WriteResult apply(WriteBatch batch) {
        return delegate.apply(batch);
    }

    @Override
    public List<WriteResult> applyAll(List<WriteBatch> batches) {
        return delegate.applyAll(batches);
    }

    @Override
    public long journalHead(StreamId stream) {
        return delegate.journalHead(stream);
    }

    @Override
    public Stream<Entry> readJournal(StreamId stream, long fromSequence, long toSequence, int maxEntries) {
        return delegate.readJournal(stream, fromSequence, toSequence, maxEntries);
    }

    @Override
    public List<StreamId> listStreams(String prefix) {
        return delegate.listStreams(prefix);
    }

    @Override
    public Optional<Snapshot> loadSnapshot(String key) {
        return delegate.loadSnapshot(key);
    }

    @Override
    public List<String> listSnapshots(String prefix) {
        return delegate.listSnapshots(prefix);
    }

    @Override
    public Optional<byte[]> getRecord(String namespace, RecordKey key) {
        return delegate.getRecord(namespace, key);
    }

    @Override
    public Stream<StoredRecord> scanRecords(String namespace, KeyRange range, int limit) {
        return delegate.scanRecords(namespace, range, limit);
    }

    @Override
    public List<String> listNamespaces(String prefix) {
        return delegate.listNamespaces(prefix);
    }

    @Override
    public Optional<Fence> readFence(String name) {
        return delegate.readFence(name);
    }

    @Override
    public List<Fence> listFences(String prefix) {
        return delegate.listFences(prefix);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
