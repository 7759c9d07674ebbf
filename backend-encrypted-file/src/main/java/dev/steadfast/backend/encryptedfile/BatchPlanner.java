package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.Guard;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the batches of one commit group into changes, checking guards and per-operation conditions against the
 * index plus what earlier batches of the same group will have changed. Nothing touches the index here: the index
 * changes only once the group's records are durable. Used under the writer lock.
 */
final class BatchPlanner {
    /** A batch's outcome: its changes to log, or the conflict that keeps it out. */
    record Plan(List<Change> changes, WriteResult conflict) {
        boolean committed() {
            return conflict == null;
        }
    }

    private final StoreIndex index;
    private final Map<StreamId, Long> heads = new HashMap<>();
    private final Map<String, Fence> fences = new HashMap<>();

    BatchPlanner(StoreIndex index) {
        this.index = index;
    }

    /** Refuses a batch the format cannot hold (a payload or the whole batch too large) before any is planned. */
    static void validate(WriteBatch batch, int maxPayloadBytes) {
        long bytes = batch.requirePayloadsAtMost(maxPayloadBytes);
        if (bytes > Format.MAX_BODY_BYTES / 2) {
            throw new IllegalArgumentException("batch carries " + bytes + " bytes, the limit is "
                    + Format.MAX_BODY_BYTES / 2);
        }
    }

    Plan plan(WriteBatch batch) {
        for (Guard guard : batch.guards()) {
            if (guard instanceof Guard.FenceAt g) {
                Fence found = fence(g.name(), Map.of());
                long epoch = found == null ? 0 : found.epoch();
                if (epoch != g.epoch()) {
                    return conflict(new FencedOut(g.name(), g.epoch(), epoch, found == null ? "" : found.owner()));
                }
            } else if (guard instanceof Guard.JournalAt g) {
                long head = head(g.stream(), Map.of());
                if (head != g.head()) {
                    return conflict(new SequenceConflict(g.stream(), g.head(), head));
                }
            }
        }
        Map<StreamId, Long> batchHeads = new HashMap<>();
        Map<String, Fence> batchFences = new HashMap<>();
        List<Change> changes = new ArrayList<>(batch.operations().size());
        for (WriteOp op : batch.operations()) {
            if (op instanceof WriteOp.Append a) {
                long head = head(a.stream(), batchHeads);
                if (head != a.expectedHead()) {
                    return conflict(new SequenceConflict(a.stream(), a.expectedHead(), head));
                }
                changes.add(new Change.Appended(a.stream(), head + 1, a.payloads()));
                batchHeads.put(a.stream(), a.newHead());
            } else if (op instanceof WriteOp.SetFence s) {
                Fence found = fence(s.fence().name(), batchFences);
                long epoch = found == null ? 0 : found.epoch();
                if (!s.admits(found)) {
                    return conflict(new FencedOut(s.fence().name(), s.expectedEpoch(), epoch,
                            found == null ? "" : found.owner()));
                }
                changes.add(new Change.FenceSet(s.fence()));
                batchFences.put(s.fence().name(), s.fence());
            } else if (op instanceof WriteOp.TruncateJournal t) {
                long upTo = Math.min(t.upToSequence(), head(t.stream(), batchHeads));
                if (upTo >= 1) {
                    changes.add(new Change.Truncated(t.stream(), upTo));
                }
            } else if (op instanceof WriteOp.PutSnapshot s) {
                changes.add(new Change.SnapshotPut(s.snapshot()));
            } else if (op instanceof WriteOp.DeleteSnapshot d) {
                changes.add(new Change.SnapshotDeleted(d.key()));
            } else if (op instanceof WriteOp.PutRecord r) {
                changes.add(new Change.RecordPut(r.namespace(), r.key(), r.value()));
            } else if (op instanceof WriteOp.RemoveRecord r) {
                changes.add(new Change.RecordRemoved(r.namespace(), r.key()));
            } else if (op instanceof WriteOp.DropNamespace d) {
                changes.add(new Change.NamespaceDropped(d.namespace()));
            }
        }
        heads.putAll(batchHeads);
        fences.putAll(batchFences);
        return new Plan(changes, null);
    }

    private static Plan conflict(WriteResult conflict) {
        return new Plan(List.of(), conflict);
    }

    private long head(StreamId stream, Map<StreamId, Long> batchHeads) {
        Long h = batchHeads.get(stream);
        if (h == null) {
            h = heads.get(stream);
        }
        return h != null ? h : index.head(stream);
    }

    private Fence fence(String name, Map<String, Fence> batchFences) {
        Fence f = batchFences.get(name);
        if (f == null) {
            f = fences.get(name);
        }
        return f != null ? f : index.fences.get(name);
    }
}
