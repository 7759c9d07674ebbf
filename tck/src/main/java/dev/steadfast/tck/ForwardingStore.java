package dev.steadfast.tck;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StoreMonitor;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A {@link Store} that passes every call to another store; subclass it and override the calls you want to change.
 *
 * <p>Made for tests that need a fault a real store cannot produce on demand: a write that throws after it applied,
 * a read that fails once, a commit that takes long. For example, a store whose fifth batch fails with an I/O error
 * without being written:
 *
 * <pre>{@code
 * Store flaky = new ForwardingStore(real) {
 *     private int batches;
 *     @Override public WriteResult apply(WriteBatch batch) {
 *         if (++batches == 5) throw new StoreIOException("disk unplugged");
 *         return super.apply(batch);
 *     }
 * };
 * }</pre>
 *
 * <p>Every method forwards to the same method of the delegate, with two exceptions: the short forms
 * {@code readJournal(stream, from)} and {@code scanRecords(namespace)} call this store's full forms, so overriding
 * the full form changes both. {@code applyAll} forwards to the delegate's {@code applyAll}, keeping its group
 * commit: a subclass that overrides {@code apply} to inject a fault must override {@code applyAll} too if the fault
 * should reach batches written through it. A loop over {@code apply} must still keep {@link Store#applyAll}'s
 * contract: every batch checked before any is applied, a closed store refused for an empty list too, and a
 * {@link dev.steadfast.spi.StoreBusyException} met after a batch committed reported as a
 * {@link dev.steadfast.spi.WriteOutcomeUnknownException}, since busy says nothing was written.
 * Thread-safe if the delegate is and the overrides are.
 */
public class ForwardingStore implements Store {
    private final Store delegate;

    /**
     * A store forwarding to {@code delegate}.
     *
     * @param delegate the real store, which receives every call not overridden; closing this store closes it
     * @throws NullPointerException if {@code delegate} is null
     */
    public ForwardingStore(Store delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * The real store, for an override that calls it directly, bypassing this store's other overrides.
     *
     * @return the store given to the constructor
     */
    protected final Store delegate() {
        return delegate;
    }

    @Override
    public StoreDescriptor descriptor() {
        return delegate.descriptor();
    }

    @Override
    public void monitor(StoreMonitor monitor) {
        delegate.monitor(monitor);
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

    /** Calls {@link #readJournal(StreamId, long, long, int)} of this store, so an override of it applies here too. */
    @Override
    public Stream<Entry> readJournal(StreamId stream, long fromSequence) {
        return readJournal(stream, fromSequence, Long.MAX_VALUE, Integer.MAX_VALUE);
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

    /** Calls {@link #scanRecords(String, KeyRange, int)} of this store, so an override of it applies here too. */
    @Override
    public Stream<StoredRecord> scanRecords(String namespace) {
        return scanRecords(namespace, KeyRange.all(), Integer.MAX_VALUE);
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
    public OptionalLong storageBytes() {
        return delegate.storageBytes();
    }

    @Override
    public void reclaimSpace() {
        delegate.reclaimSpace();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate + "]";
    }
}
