package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.Names;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreClosedException;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StoreEvent;
import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.StoreIOException;
import dev.steadfast.spi.StoreMonitor;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The encrypted-file store. One writer at a time (the {@code writer} lock) plans a group of batches against the
 * index, seals them as records, makes them durable with one fsync and only then applies them to the index under
 * the state write lock, so readers never see a batch that is not durable, nor half of one.
 */
final class EncryptedFileStore implements Store {
    static final int MAX_PAYLOAD_BYTES = 16 << 20;
    /**
     * The manifest's high-water mark is advanced after this many commit groups. Each advance costs a manifest
     * write (temp file write + fsync, rename, directory fsync: about two fsyncs) under the writer lock, against one
     * fdatasync per group, so 64 keeps the overhead near 3% of the fsyncs at full speed while leaving at most 63
     * groups uncovered after a crash. Not measured yet: see the module README.
     */
    static final int HWM_EVERY_COMMITS = 64;
    /** ... or at the first commit at least this long after the last manifest write, for slow writers. */
    static final long HWM_EVERY_NANOS = 1_000_000_000L;

    final Path dir;
    final RecordCipher cipher;
    final byte[] storeId;
    final long segmentBytes;
    final ReentrantLock writerLock = new ReentrantLock();
    final ReentrantReadWriteLock stateLock = new ReentrantReadWriteLock();
    private final StoreDescriptor descriptor;
    private final DirectoryLock directoryLock;
    Manifest manifest;
    StoreIndex index;
    TreeMap<Long, Segment> segments;
    SegmentWriter writer;
    private volatile boolean closed;
    private volatile String failure;
    /** Where rolls, compactions and bytes written are reported: the {@link #monitor}, or nowhere. */
    volatile Consumer<StoreEvent> report = event -> { };
    /** Opened with {@code readOnly=true}: open changed nothing on disk and every write is refused. */
    final boolean readOnly;
    /** Segments a compaction retired whose deletion is not yet known durable; every manifest lists them. */
    List<Manifest.SegmentRef> retired;
    private int commitsSinceManifest;
    private long lastManifestNanos = System.nanoTime();
    /** What open changed on disk (a cut torn write, finished renames, deleted leftovers), for tests and tools. */
    final List<String> repairedOnOpen;

    EncryptedFileStore(Path dir, RecordCipher cipher, long segmentBytes, DirectoryLock directoryLock,
                       Recovery.Opened opened) {
        this.dir = dir;
        this.cipher = cipher;
        this.segmentBytes = segmentBytes;
        this.directoryLock = directoryLock;
        this.manifest = opened.manifest();
        this.storeId = manifest.storeId();
        this.index = opened.index();
        this.segments = opened.segments();
        this.writer = opened.writer();
        this.retired = manifest.retired();
        this.repairedOnOpen = opened.repaired();
        this.readOnly = opened.readOnly();
        // applyAll validates every batch before it plans any.
        this.descriptor = new StoreDescriptor("encrypted-file", dir.toString(), true, false, true, MAX_PAYLOAD_BYTES,
                true).withFormatVersion(Format.VERSION);
    }

    @Override
    public StoreDescriptor descriptor() {
        return descriptor;
    }

    /** Segment rolls, compactions and the bytes of each commit are reported to {@code monitor}. */
    @Override
    public void monitor(StoreMonitor monitor) {
        report = Objects.requireNonNull(monitor, "monitor")::onEvent;
    }

    @Override
    public WriteResult apply(WriteBatch batch) {
        BatchPlanner.validate(Objects.requireNonNull(batch, "batch"), MAX_PAYLOAD_BYTES);
        return InterruptAside.call(() -> commit(List.of(batch))).get(0);
    }

    @Override
    public List<WriteResult> applyAll(List<WriteBatch> batches) {
        Objects.requireNonNull(batches, "batches");
        for (WriteBatch b : batches) {
            BatchPlanner.validate(Objects.requireNonNull(b, "batch"), MAX_PAYLOAD_BYTES);
        }
        if (batches.isEmpty()) {
            ensureOpen();
            return List.of();
        }
        return InterruptAside.call(() -> commit(batches));
    }

    private List<WriteResult> commit(List<WriteBatch> batches) {
        ensureOpen();
        writerLock.lock();
        try {
            ensureWritable();
            BatchPlanner planner = new BatchPlanner(index);
            List<WriteResult> results = new ArrayList<>(batches.size());
            List<List<Change>> logged = new ArrayList<>();
            List<Long> offsets = new ArrayList<>();
            long sizeBefore = writer.size();
            try {
                for (WriteBatch batch : batches) {
                    BatchPlanner.Plan plan = planner.plan(batch);
                    if (!plan.committed()) {
                        results.add(plan.conflict());
                        continue;
                    }
                    if (!plan.changes().isEmpty()) {
                        offsets.add(writer.append(Format.TYPE_BATCH, ChangeCodec.encode(plan.changes())));
                        logged.add(plan.changes());
                    }
                    results.add(WriteResult.committed());
                }
                writer.commit();
            } catch (Exception e) {
                throw fail("writing " + batches.size() + " batch(es) failed; whether they are durable is unknown", e);
            }
            long segmentId = writer.segment.id;
            report.accept(new StoreEvent.BytesWritten(writer.size() - sizeBefore));
            stateLock.writeLock().lock();
            try {
                for (int i = 0; i < logged.size(); i++) {
                    long location = Location.of(segmentId, offsets.get(i));
                    for (Change c : logged.get(i)) {
                        index.apply(c, location);
                    }
                }
            } finally {
                stateLock.writeLock().unlock();
            }
            commitsSinceManifest++;
            afterCommit();
            return results;
        } finally {
            writerLock.unlock();
        }
    }

    /** Seals the active segment and starts the next one; the manifest lists it before any record goes in. */
    void roll() {
        try {
            if (!writer.sealed()) {
                writer.appendSeal();
                writer.commit();
            }
            long sealedBytes = writer.size();
            Segment next = Segment.create(dir, storeId, writer.segment.id + 1);
            List<Manifest.SegmentRef> refs = new ArrayList<>(manifest.segments());
            refs.add(next.ref());
            Manifest m = manifest.next(refs, writer.lastSequence(), writer.lastChain(), retired);
            try {
                Durable.syncDirectory(dir);
                writeManifest(m);
            } catch (Exception e) {
                next.discard();
                throw e;
            }
            next.publish();
            Durable.syncDirectory(dir);
            stateLock.writeLock().lock();
            try {
                segments.put(next.id, next);
                writer = SegmentWriter.fresh(next, storeId, cipher, writer.lastSequence(), writer.lastChain());
                writer.checkpointAfter(m.generation());
            } finally {
                stateLock.writeLock().unlock();
            }
            report.accept(new StoreEvent.SegmentRolled(sealedBytes));
        } catch (Exception e) {
            throw fail("rolling to a new segment failed; the committed batches are durable", e);
        }
    }

    /** Makes {@code m} the durable manifest; under the writer lock. */
    void writeManifest(Manifest m) {
        InterruptAside.run(() -> ManifestFile.write(dir, m, cipher)); // close writes it too: see InterruptAside
        manifest = m;
        commitsSinceManifest = 0;
        lastManifestNanos = System.nanoTime();
    }

    /**
     * Rolls a full segment, or moves the high-water mark to the last durable record and notes the new generation.
     * The groups just committed are durable and indexed, so a failure does not fail them (a failed roll used to,
     * and callers took committed batches for unknown ones): it stops writes until the store is reopened.
     */
    private void afterCommit() {
        try {
            if (writer.size() >= segmentBytes) {
                roll();
            } else if (commitsSinceManifest >= HWM_EVERY_COMMITS
                    || System.nanoTime() - lastManifestNanos >= HWM_EVERY_NANOS) {
                Manifest m = manifest.next(manifest.segments(), writer.lastSequence(), writer.lastChain(), retired);
                writeManifest(m);
                writer.checkpointAfter(m.generation());
            }
        } catch (RuntimeException e) {
            if (failure == null) { // a failed roll recorded its own reason
                fail("advancing the manifest's high-water mark failed; the committed batches are durable", e);
            }
        }
    }

    /** Marks the store unusable for writing: its on-disk tail is unknown until it is opened again. */
    StoreException fail(String message, Exception cause) {
        failure = message;
        return new StoreIOException("store " + dir + ": " + message + ": " + cause.getMessage(), cause);
    }

    void ensureWritable() {
        ensureOpen();
        if (readOnly) {
            throw new StoreIOException("store " + dir + " was opened read-only (readOnly=true): writes are refused;"
                    + " nothing on disk was changed by opening it");
        }
        if (failure == null && !directoryLock.held()) {
            failure = "its " + Format.LOCK + " file was deleted or replaced while it was open, so another process "
                    + "may be writing to it";
        }
        if (failure != null) {
            throw new StoreIOException("store " + dir + " refuses writes after an earlier fault (" + failure
                    + "); close and open it again to recover");
        }
    }

    void ensureOpen() {
        if (closed) {
            throw new StoreClosedException(descriptor.location());
        }
    }

    /** Runs {@code read} under the state read lock on an open store, with the caller's interrupt set aside. */
    <T> T read(Supplier<T> read) {
        return InterruptAside.call(() -> {
            stateLock.readLock().lock();
            try {
                ensureOpen();
                return read.get();
            } finally {
                stateLock.readLock().unlock();
            }
        });
    }

    @Override
    public long journalHead(StreamId stream) {
        Objects.requireNonNull(stream, "stream");
        return read(() -> index.head(stream));
    }

    @Override
    public Stream<Entry> readJournal(StreamId stream, long fromSequence, long toSequence, int maxEntries) {
        JournalReader reader = new JournalReader(this, stream, fromSequence, toSequence, maxEntries);
        ensureOpen();
        return StreamSupport.stream(reader, false);
    }

    @Override
    public List<StreamId> listStreams(String prefix) {
        Names.requirePrefix("stream id prefix", prefix);
        return read(() -> IndexQueries.streams(index, prefix));
    }

    @Override
    public Optional<Snapshot> loadSnapshot(String key) {
        Names.require("snapshot key", key);
        return read(() -> Optional.ofNullable(index.snapshots.get(key)));
    }

    @Override
    public List<String> listSnapshots(String prefix) {
        Names.requirePrefix("snapshot key prefix", prefix);
        return read(() -> IndexQueries.keysWithPrefix(index.snapshots, prefix));
    }

    @Override
    public Optional<byte[]> getRecord(String namespace, RecordKey key) {
        Names.require("record namespace", namespace);
        Objects.requireNonNull(key, "record key");
        return read(() -> IndexQueries.record(index, namespace, key));
    }

    @Override
    public Stream<StoredRecord> scanRecords(String namespace, KeyRange range, int limit) {
        Names.require("record namespace", namespace);
        Objects.requireNonNull(range, "range");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        // Values are never mutated in place, so copying references under the lock is a consistent snapshot.
        return read(() -> IndexQueries.records(index, namespace, range, limit)).stream();
    }

    @Override
    public List<String> listNamespaces(String prefix) {
        Names.requirePrefix("record namespace prefix", prefix);
        return read(() -> IndexQueries.keysWithPrefix(index.records, prefix));
    }

    @Override
    public Optional<Fence> readFence(String name) {
        Names.require("fence name", name);
        return read(() -> Optional.ofNullable(index.fences.get(name)));
    }

    @Override
    public List<Fence> listFences(String prefix) {
        Names.requirePrefix("fence name prefix", prefix);
        return read(() -> IndexQueries.fences(index, prefix));
    }

    /** The files of the store's directory: segments (retired ones not yet deleted included) and manifest. */
    @Override
    public OptionalLong storageBytes() {
        return read(() -> OptionalLong.of(StoreFiles.totalBytes(dir)));
    }

    /**
     * Truncations and deletions are appended records; only a compaction drops what they removed from the files
     * (see {@link EncryptedFileStoreProvider#compact}).
     */
    @Override
    public void reclaimSpace() {
        Compactor.compact(this);
    }

    @Override
    public void close() {
        writerLock.lock();
        try {
            if (closed) {
                return;
            }
            StoreException error = null;
            // a handle that lost its LOCK file must not overwrite the manifest another process may now own
            if (!readOnly && failure == null && directoryLock.held() && (writer.lastSequence() > manifest.hwmSequence()
                    || !retired.equals(manifest.retired()))) {
                try {
                    writeManifest(manifest.next(manifest.segments(), writer.lastSequence(), writer.lastChain(),
                            retired));
                } catch (StoreException e) {
                    error = e;
                }
            }
            stateLock.writeLock().lock();
            try {
                closed = true;
                segments.values().forEach(Segment::close);
                directoryLock.close();
            } finally {
                stateLock.writeLock().unlock();
            }
            if (error != null) {
                throw error;
            }
        } finally {
            writerLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "encrypted-file:" + dir;
    }
}
