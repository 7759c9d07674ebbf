package dev.steadfast.tck;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.Guard;
import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Lets readers see uncommitted state: it checks a batch's guards and conditions first (so a conflicting batch
 * still writes nothing), then writes it one operation at a time. While another thread is reading, it holds still
 * after the first operation until that thread has made {@value #READS_PER_PAUSE} more reads: the half-written
 * state is then certainly seen, so the kit's verdict does not depend on thread timing. The pause is bounded, in
 * case the reader has stopped.
 */
final class PausesMidBatch extends ForwardingStore {
    static final int READS_PER_PAUSE = 40;
    private static final long MAX_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private long reads;
    private Thread reader;

    PausesMidBatch(Store delegate) {
        super(delegate);
    }

    private synchronized void noteRead() {
        reads++;
        reader = Thread.currentThread();
        notifyAll();
    }

    private synchronized boolean pauseUntilRead() throws InterruptedException {
        if (reader == null || reader == Thread.currentThread()) {
            return false;
        }
        long until = reads + READS_PER_PAUSE;
        long deadline = System.nanoTime() + MAX_PAUSE_NANOS;
        while (reads < until && System.nanoTime() < deadline) {
            TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
        }
        return true;
    }

    @Override
    public WriteResult apply(WriteBatch batch) {
        List<Guard> checks = conditionsAsGuards(batch);
        if (batch.operations().size() < 2 || checks == null) {
            return super.apply(batch);
        }
        WriteResult checked = super.apply(new WriteBatch(checks, List.of()));
        if (!checked.isCommitted()) {
            return checked;
        }
        boolean first = true;
        for (WriteOp op : batch.operations()) {
            super.apply(WriteBatch.of(op));
            if (first) {
                first = false;
                try {
                    pauseUntilRead();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return WriteResult.committed();
    }

    /**
     * The batch's guards followed by the conditions of its appends and fence changes, which give the batch's own
     * conflict when no journal or fence is changed twice in it; null when one is.
     */
    private static List<Guard> conditionsAsGuards(WriteBatch batch) {
        List<Guard> guards = new ArrayList<>(batch.guards());
        Set<Object> changed = new HashSet<>();
        for (WriteOp op : batch.operations()) {
            if (op instanceof WriteOp.Append a) {
                if (!changed.add(a.stream())) {
                    return null;
                }
                guards.add(new Guard.JournalAt(a.stream(), a.expectedHead()));
            } else if (op instanceof WriteOp.SetFence f) {
                if (!changed.add(f.fence().name())) {
                    return null;
                }
                guards.add(new Guard.FenceAt(f.fence().name(), f.expectedEpoch()));
            }
        }
        return guards;
    }

    @Override
    public List<WriteResult> applyAll(List<WriteBatch> batches) {
        return DefaultMethods.over(this).applyAll(batches);
    }

    @Override
    public long journalHead(StreamId stream) {
        noteRead();
        return super.journalHead(stream);
    }

    @Override
    public Stream<Entry> readJournal(StreamId stream, long fromSequence, long toSequence, int maxEntries) {
        noteRead();
        return super.readJournal(stream, fromSequence, toSequence, maxEntries);
    }

    @Override
    public List<StreamId> listStreams(String prefix) {
        noteRead();
        return super.listStreams(prefix);
    }

    @Override
    public Optional<Snapshot> loadSnapshot(String key) {
        noteRead();
        return super.loadSnapshot(key);
    }

    @Override
    public List<String> listSnapshots(String prefix) {
        noteRead();
        return super.listSnapshots(prefix);
    }

    @Override
    public Optional<byte[]> getRecord(String namespace, RecordKey key) {
        noteRead();
        return super.getRecord(namespace, key);
    }

    @Override
    public Stream<StoredRecord> scanRecords(String namespace, KeyRange range, int limit) {
        noteRead();
        return super.scanRecords(namespace, range, limit);
    }

    @Override
    public List<String> listNamespaces(String prefix) {
        noteRead();
        return super.listNamespaces(prefix);
    }

    @Override
    public Optional<Fence> readFence(String name) {
        noteRead();
        return super.readFence(name);
    }

    @Override
    public List<Fence> listFences(String prefix) {
        noteRead();
        return super.listFences(prefix);
    }
}
