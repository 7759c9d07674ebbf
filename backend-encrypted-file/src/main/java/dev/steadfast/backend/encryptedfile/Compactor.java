package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.StoreEvent;
import dev.steadfast.spi.StoreIOException;
import dev.steadfast.spi.StreamId;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Rewrites the live state into a new segment sealed under the current primary key, then retires every old segment
 * in one step: the manifest rename. The new segments are written under their pending names, so before the rename
 * a crash leaves the old segments authoritative and the pending files provably unlisted (open deletes them); the
 * manifest lists the old segments as retired, so after the rename open deletes exactly those and completes the
 * renames of the new ones. Writers wait; readers go on.
 */
final class Compactor {
    private static final int RECORD_BYTES = 1 << 20;
    private static final int RECORD_CHANGES = 4096;

    private final EncryptedFileStore store;
    private final StoreIndex fresh = new StoreIndex();
    private final List<Change> pending = new ArrayList<>();
    private long pendingBytes;
    private SegmentWriter out;

    private Compactor(EncryptedFileStore store) {
        this.store = store;
    }

    /** With the caller's interrupt set aside, as for a commit: the segment channels are shared. */
    static void compact(EncryptedFileStore store) {
        InterruptAside.run(() -> compactUninterrupted(store));
    }

    private static void compactUninterrupted(EncryptedFileStore store) {
        store.ensureOpen();
        store.writerLock.lock();
        try {
            store.ensureWritable();
            long started = System.nanoTime();
            long before = segmentBytes(store.segments.values());
            new Compactor(store).run();
            store.report.accept(new StoreEvent.Compacted(before, segmentBytes(store.segments.values()),
                    System.nanoTime() - started));
        } finally {
            store.writerLock.unlock();
        }
    }

    /** Bytes of {@code segments}' files; a file that cannot be measured counts 0 (only a metric depends on it). */
    private static long segmentBytes(Iterable<Segment> segments) {
        long total = 0;
        for (Segment s : segments) {
            try {
                total += s.channel.size();
            } catch (IOException e) {
                // the compaction itself reports real I/O faults
            }
        }
        return total;
    }

    private void run() {
        SegmentWriter old = store.writer;
        Segment live = null;
        Segment next = null;
        try {
            live = Segment.create(store.dir, store.storeId, old.segment.id + 1);
            out = SegmentWriter.fresh(live, store.storeId, store.cipher, old.lastSequence(), old.lastChain());
            copyState();
            out.appendSeal();
            out.commit();
            next = Segment.create(store.dir, store.storeId, live.id + 1);
            Durable.syncDirectory(store.dir);
        } catch (IOException | RuntimeException e) {
            discard(live, next);
            throw new StoreIOException("compaction of " + store.dir + " failed before retiring anything; the store"
                    + " is unchanged: " + e.getMessage(), e);
        }
        List<Manifest.SegmentRef> retiring = new ArrayList<>(store.retired);
        retiring.addAll(store.manifest.segments());
        Manifest m = new Manifest(store.storeId, store.manifest.generation() + 1, old.lastSequence(),
                old.lastChain(), List.of(live.ref(), next.ref()), out.lastSequence(), out.lastChain(), retiring);
        try {
            store.writeManifest(m);
            store.retired = retiring;
            live.publish();
            next.publish();
            Durable.syncDirectory(store.dir);
        } catch (IOException | RuntimeException e) {
            throw store.fail("compaction could not write its manifest; which segments are live is known only"
                    + " after reopening", e);
        }
        Map<Long, Segment> retired;
        store.stateLock.writeLock().lock();
        try {
            retired = store.segments;
            TreeMap<Long, Segment> segments = new TreeMap<>();
            segments.put(live.id, live);
            segments.put(next.id, next);
            store.segments = segments;
            store.index = fresh;
            store.writer = SegmentWriter.fresh(next, store.storeId, store.cipher, out.lastSequence(), out.lastChain());
            store.writer.checkpointAfter(m.generation());
        } finally {
            store.stateLock.writeLock().unlock();
        }
        deleteRetired(retired);
    }

    private void copyState() throws IOException {
        StoreIndex index = store.index;
        for (Map.Entry<StreamId, JournalIndex> j : index.journals.entrySet()) {
            StreamId stream = j.getKey();
            add(new Change.HeadRaised(stream, j.getValue().head()), 16);
            List<byte[]> run = new ArrayList<>();
            long runStart = -1;
            try (Stream<Entry> entries = store.readJournal(stream, 1)) {
                for (Entry e : (Iterable<Entry>) entries::iterator) {
                    if (runStart < 0) {
                        runStart = e.sequence();
                    }
                    run.add(e.payload());
                    pendingBytes += e.payload().length + 4;
                    if (pendingBytes >= RECORD_BYTES || run.size() >= RECORD_CHANGES) {
                        add(new Change.Appended(stream, runStart, run), 0);
                        flush();
                        run = new ArrayList<>();
                        runStart = -1;
                    }
                }
            }
            if (!run.isEmpty()) {
                add(new Change.Appended(stream, runStart, run), 0);
            }
        }
        for (Snapshot s : index.snapshots.values()) {
            add(new Change.SnapshotPut(s), s.payload().length + s.key().length());
        }
        for (Map.Entry<String, TreeMap<RecordKey, byte[]>> ns : index.records.entrySet()) {
            for (Map.Entry<RecordKey, byte[]> r : ns.getValue().entrySet()) {
                add(new Change.RecordPut(ns.getKey(), r.getKey(), r.getValue()),
                        ns.getKey().length() + r.getKey().length() + r.getValue().length);
            }
        }
        for (Fence f : index.fences.values()) {
            add(new Change.FenceSet(f), f.name().length() + f.owner().length() + f.token().length());
        }
        flush();
    }

    private void add(Change change, long bytes) throws IOException {
        pending.add(change);
        pendingBytes += bytes + 16;
        if (pendingBytes >= RECORD_BYTES || pending.size() >= RECORD_CHANGES) {
            flush();
        }
    }

    private void flush() throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        long location = Location.of(out.segment.id, out.append(Format.TYPE_BATCH, ChangeCodec.encode(pending)));
        for (Change c : pending) {
            fresh.apply(c, location);
        }
        pending.clear();
        pendingBytes = 0;
        out.drain();
    }

    private void discard(Segment... created) {
        for (Segment s : created) {
            if (s != null) {
                s.discard();
            }
        }
    }

    /** Deletes the retired files; once that is durable, the next manifest stops listing them as retired. */
    private void deleteRetired(Map<Long, Segment> retired) {
        retired.values().forEach(Segment::close);
        try {
            for (Segment s : retired.values()) {
                Files.deleteIfExists(s.path);
            }
            Durable.syncDirectory(store.dir);
            store.retired = List.of();
        } catch (IOException ignored) {
            // the manifest still lists them as retired, so the next open deletes them
        }
    }
}
