package dev.steadfast.examples.backend;

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
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Everything the store holds, in sorted maps. Not thread-safe: {@link WalStore} locks around it.
 *
 * <p>A batch is first checked whole ({@link #conflict}), then applied ({@link #apply}); applying cannot fail, so a
 * conflict never leaves half a batch behind and no undo is needed. The same {@link #apply} replays the log.
 */
final class WalState {
    final NavigableMap<String, Long> heads = new TreeMap<>(Names.CODE_POINT_ORDER);
    final Map<String, NavigableMap<Long, byte[]>> entries = new HashMap<>();
    final NavigableMap<String, Snapshot> snapshots = new TreeMap<>(Names.CODE_POINT_ORDER);
    final NavigableMap<String, NavigableMap<RecordKey, byte[]>> records = new TreeMap<>(Names.CODE_POINT_ORDER);
    final NavigableMap<String, Fence> fences = new TreeMap<>(Names.CODE_POINT_ORDER);

    long head(StreamId stream) {
        return heads.getOrDefault(stream.value(), 0L);
    }

    /** The first condition of {@code batch} that does not hold, or null. Guards see the state before the batch. */
    Conflict conflict(WriteBatch batch) {
        for (Guard guard : batch.guards()) {
            if (guard instanceof Guard.FenceAt g && epoch(fences.get(g.name())) != g.epoch()) {
                return fencedOut(g.name(), g.epoch(), fences.get(g.name()));
            }
            if (guard instanceof Guard.JournalAt g && head(g.stream()) != g.head()) {
                return new SequenceConflict(g.stream(), g.head(), head(g.stream()));
            }
        }
        // Conditions inside the batch see the operations before them: track the heads and fences it moves.
        Map<StreamId, Long> movedHeads = new HashMap<>();
        Map<String, Fence> movedFences = new HashMap<>();
        for (WriteOp op : batch.operations()) {
            if (op instanceof WriteOp.Append a) {
                long found = movedHeads.getOrDefault(a.stream(), head(a.stream()));
                if (found != a.expectedHead()) {
                    return new SequenceConflict(a.stream(), a.expectedHead(), found);
                }
                movedHeads.put(a.stream(), a.newHead());
            } else if (op instanceof WriteOp.SetFence f) {
                String name = f.fence().name();
                Fence found = movedFences.containsKey(name) ? movedFences.get(name) : fences.get(name);
                if (!f.admits(found)) {
                    return fencedOut(name, f.expectedEpoch(), found);
                }
                movedFences.put(name, f.fence());
            }
        }
        return null;
    }

    void apply(WriteOp op) {
        if (op instanceof WriteOp.Append a) {
            NavigableMap<Long, byte[]> journal = entries.computeIfAbsent(a.stream().value(), k -> new TreeMap<>());
            long seq = a.expectedHead();
            for (byte[] payload : a.payloads()) {
                journal.put(++seq, payload.clone());
            }
            heads.put(a.stream().value(), seq);
        } else if (op instanceof WriteOp.TruncateJournal t) {
            NavigableMap<Long, byte[]> journal = entries.get(t.stream().value());
            if (journal != null) {
                journal.headMap(t.upToSequence(), true).clear();
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
