package dev.steadfast.internal;

import dev.steadfast.GroupCommitSettings;
import dev.steadfast.GroupCommitStats;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreClosedException;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StoreMonitor;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A {@link Store} that coalesces concurrent writers' batches into shared {@code applyAll} calls of the store it
 * owns; reads pass straight through. Not API: obtain it through {@code Steadfast#store()}.
 *
 * <p>Every SPI promise of the wrapped store holds: each batch is atomic on its own and gets exactly its own result;
 * a writer hears {@code Committed} only after the store call carrying its batch returned, so only once the batch is
 * durable on a durable store. A fault of that call reaches every writer of the group, and only them: as a
 * {@link dev.steadfast.spi.WriteOutcomeUnknownException} (carrying what the store threw, an {@link Error}
 * included) unless the store's answer proves the batches were not written, see {@code GroupCommit}.
 * Batches are validated before they are queued, so one caller's bad batch never fails another's.
 */
public final class GroupCommitStore implements Store {
    private final Store store;
    private final GroupCommitSettings settings;
    private final GroupCommitter committer;
    private final GroupCommitMetrics metrics;
    private final int maxPayloadBytes;
    private final String location;
    private volatile boolean closed;

    /**
     * Wraps {@code store}, which this object now owns: {@link #close()} closes it.
     *
     * @param store    the store to write through
     * @param settings how to group writes
     */
    public GroupCommitStore(Store store, GroupCommitSettings settings) {
        this(store, settings, Observer.NONE);
    }

    /**
     * Wraps {@code store}, which this object now owns, reporting to {@code observer}.
     *
     * @param store    the store to write through
     * @param settings how to group writes
     * @param observer where group commits, write outcomes and the domains' events over this store are reported
     */
    public GroupCommitStore(Store store, GroupCommitSettings settings, Observer observer) {
        this(store, settings, observer, -1);
    }

    /**
     * For tests that run both ways of waking a group's writers: a fanout of 0 or more is used after every call (see
     * {@link WakeChain}); a negative one leaves the choice to {@link GroupCommitter}'s own rule, as in production.
     */
    GroupCommitStore(Store store, GroupCommitSettings settings, Observer observer, int wakeFanout) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = new GroupCommitMetrics(Objects.requireNonNull(observer, "observer"));
        this.committer = wakeFanout < 0 ? new GroupCommitter(store, settings, metrics)
                : new GroupCommitter(store, settings, metrics, wakeFanout);
        StoreDescriptor descriptor = store.descriptor();
        this.maxPayloadBytes = descriptor.maxPayloadBytes();
        this.location = descriptor.location();
    }

    /** Counters of the store calls made so far. */
    public GroupCommitStats stats() {
        return metrics.snapshot();
    }

    /** Where this store and the domain services over it report what they do. */
    public Observer observer() {
        return metrics.observer();
    }

    /** Batches queued behind the commit in flight: the queue-depth gauge, and lets tests wait without sleeping. */
    int queuedBatches() {
        return committer.queuedBatches();
    }

    /** Leaders lingering for more writers right now; lets tests see one is there without sleeping. */
    int lingeringLeaders() {
        return committer.lingeringLeaders();
    }

    @Override
    public StoreDescriptor descriptor() {
        return store.descriptor();
    }

    /** The wrapped store reports to {@code monitor}; see {@link Store#monitor}. */
    @Override
    public void monitor(StoreMonitor monitor) {
        store.monitor(monitor);
    }

    /** Joins the next group commit; see {@link Store#apply(WriteBatch)} for what the result means. */
    @Override
    public WriteResult apply(WriteBatch batch) {
        long bytes = Objects.requireNonNull(batch, "batch").requirePayloadsAtMost(maxPayloadBytes);
        ensureOpen();
        if (!settings.enabled()) {
            return GroupCommit.direct(store, List.of(batch), metrics).get(0);
        }
        return committer.submit(List.of(batch), bytes).get(0);
    }

    /** Joins the next group commit as one unit that is never split; see {@link Store#applyAll(List)}. */
    @Override
    public List<WriteResult> applyAll(List<WriteBatch> batches) {
        Objects.requireNonNull(batches, "batches");
        List<WriteBatch> copy = new ArrayList<>(batches.size());
        long bytes = 0;
        for (WriteBatch batch : batches) {
            bytes += Objects.requireNonNull(batch, "batch").requirePayloadsAtMost(maxPayloadBytes);
            copy.add(batch);
        }
        ensureOpen();
        if (copy.isEmpty()) {
            return List.of();
        }
        if (!settings.enabled()) {
            return GroupCommit.direct(store, List.copyOf(copy), metrics);
        }
        return committer.submit(List.copyOf(copy), bytes);
    }

    @Override
    public long journalHead(StreamId stream) {
        ensureOpen();
        return store.journalHead(stream);
    }

    @Override
    public Stream<Entry> readJournal(StreamId stream, long fromSequence, long toSequence, int maxEntries) {
        ensureOpen();
        return store.readJournal(stream, fromSequence, toSequence, maxEntries);
    }

    @Override
    public List<StreamId> listStreams(String prefix) {
        ensureOpen();
        return store.listStreams(prefix);
    }

    @Override
    public Optional<Snapshot> loadSnapshot(String key) {
        ensureOpen();
        return store.loadSnapshot(key);
    }

    @Override
    public List<String> listSnapshots(String prefix) {
        ensureOpen();
        return store.listSnapshots(prefix);
    }

    @Override
    public Optional<byte[]> getRecord(String namespace, RecordKey key) {
        ensureOpen();
        return store.getRecord(namespace, key);
    }

    @Override
    public Stream<StoredRecord> scanRecords(String namespace, KeyRange range, int limit) {
        ensureOpen();
        return store.scanRecords(namespace, range, limit);
    }

    @Override
    public List<String> listNamespaces(String prefix) {
        ensureOpen();
        return store.listNamespaces(prefix);
    }

    @Override
    public Optional<Fence> readFence(String name) {
        ensureOpen();
        return store.readFence(name);
    }

    @Override
    public List<Fence> listFences(String prefix) {
        ensureOpen();
        return store.listFences(prefix);
    }

    @Override
    public OptionalLong storageBytes() {
        ensureOpen();
        return store.storageBytes();
    }

    @Override
    public void reclaimSpace() {
        ensureOpen();
        store.reclaimSpace();
    }

    /**
     * Stops accepting writes, fails queued writers with {@link StoreClosedException}, lets the commits in flight
     * finish (their writers get their results), then closes the wrapped store. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        committer.close();
        store.close();
    }

    @Override
    public String toString() {
        return "GroupCommitStore[" + store + ", " + settings + "]";
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreClosedException(location);
        }
    }
}
