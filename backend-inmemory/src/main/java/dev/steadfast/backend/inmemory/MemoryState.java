package dev.steadfast.backend.inmemory;

import dev.steadfast.spi.Conflict;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.Guard;
import dev.steadfast.spi.Names;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The data of one in-memory store, shared by every handle on it. Writers take the write lock for a whole batch
 * (or a whole {@code applyAll}); readers take the read lock, for lazy reads one chunk at a time.
 *
 * <p>A batch is applied in two passes under the lock: first its guards and the conditions of its appends and fence
 * changes are checked against the state as the batch would change it (only appends move heads and only fence
 * changes move epochs, so tracking those two is enough), then, if all hold, its operations are applied. Applying
 * cannot fail, so a conflict never leaves anything half-written and no undo log is needed.
 */
final class MemoryState {
    final ReadWriteLock lock = new ReentrantReadWriteLock();
    final NavigableMap<String, Journal> journals = new TreeMap<>(Names.CODE_POINT_ORDER);
    final NavigableMap<String, Snapshot> snapshots = new TreeMap<>(Names.CODE_POINT_ORDER);
    final NavigableMap<String, NavigableMap<RecordKey, byte[]>> records = new TreeMap<>(Names.CODE_POINT_ORDER);
    final NavigableMap<String, Fence> fences = new TreeMap<>(Names.CODE_POINT_ORDER);

    /** Checks and applies one batch; the caller holds the write lock. */
    WriteResult applyLocked(WriteBatch batch) {
        Conflict conflict = check(batch);
        if (conflict != null) {
            return conflict;
        }
        for (WriteOp op : batch.operations()) {
            write(op);
        }
        return WriteResult.committed();
    }

    long head(StreamId stream) {
        Journal journal = journals.get(stream.value());
        return journal == null ? 0 : journal.head;
    }

    private Conflict check(WriteBatch batch) {
        for (Guard guard : batch.guards()) {
            if (guard instanceof Guard.FenceAt g) {
                Fence found = fences.get(g.name());
                if (epoch(found) != g.epoch()) {
                    return fencedOut(g.name(), g.epoch(), found);
                }
            } else if (guard instanceof Guard.JournalAt g) {
                long found = head(g.stream());
                if (found != g.head()) {
                    return new SequenceConflict(g.stream(), g.head(), found);
                }
            }
        }
        Map<StreamId, Long> heads = new HashMap<>();
        Map<String, Fence> fenceChanges = new HashMap<>();
        for (WriteOp op : batch.operations()) {
            if (op instanceof WriteOp.Append a) {
                long found = heads.containsKey(a.stream()) ? heads.get(a.stream()) : head(a.stream());
                if (found != a.expectedHead()) {
                    return new SequenceConflict(a.stream(), a.expectedHead(), found);
                }
                heads.put(a.stream(), a.newHead());
            } else if (op instanceof WriteOp.SetFence f) {
                String name = f.fence().name();
                Fence found = fenceChanges.containsKey(name) ? fenceChanges.get(name) : fences.get(name);
                if (!f.admits(found)) {
                    return fencedOut(name, f.expectedEpoch(), found);
                }
                fenceChanges.put(name, f.fence());
            }
        }
        return null;
    }

    private void write(WriteOp op) {
        if (op instanceof WriteOp.Append a) {
            journals.computeIfAbsent(a.stream().value(), k -> new Journal()).append(a.payloads());
        } else if (op instanceof WriteOp.TruncateJournal t) {
            Journal journal = journals.get(t.stream().value());
            if (journal != null) {
                journal.truncate(t.upToSequence());
            }
        } else if (op instanceof WriteOp.PutSnapshot p) {
            Snapshot s = p.snapshot();
            snapshots.put(s.key(), new Snapshot(s.key(), s.coveredSequence(), s.payload().clone()));
        } else if (op instanceof WriteOp.DeleteSnapshot d) {
            snapshots.remove(d.key());
        } else if (op instanceof WriteOp.PutRecord r) {
            records.computeIfAbsent(r.namespace(), k -> new TreeMap<>()).put(r.key(), r.value().clone());
        } else if (op instanceof WriteOp.RemoveRecord r) {
            NavigableMap<RecordKey, byte[]> ns = records.get(r.namespace());
            if (ns != null && ns.remove(r.key()) != null && ns.isEmpty()) {
                records.remove(r.namespace());
            }
        } else if (op instanceof WriteOp.DropNamespace d) {
            records.remove(d.namespace());
        } else if (op instanceof WriteOp.SetFence f) {
            fences.put(f.fence().name(), f.fence());
        }
    }

    private static long epoch(Fence fence) {
        return fence == null ? 0 : fence.epoch();
    }

    private static FencedOut fencedOut(String name, long expected, Fence found) {
        return new FencedOut(name, expected, epoch(found), found == null ? "" : found.owner());
    }
}
