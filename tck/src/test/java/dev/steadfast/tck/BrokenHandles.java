package dev.steadfast.tck;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.Guard;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Broken stores whose handles are right on their own but disagree with a reopened or a second handle. */
final class BrokenHandles {
    private BrokenHandles() {
    }

    /**
     * Keeps snapshot deletions and same-epoch fence changes (renewals, releases) only in the handle that made
     * them, as a store that writes no tombstone and updates a fence row only when its epoch moves would.
     */
    static final class KeepsRemovalsInTheHandle extends ForwardingStore {
        private final Set<String> deletedSnapshots = ConcurrentHashMap.newKeySet();
        private final Map<String, Fence> renewedFences = new ConcurrentHashMap<>();

        KeepsRemovalsInTheHandle(Store delegate) {
            super(delegate);
        }

        @Override
        public synchronized WriteResult apply(WriteBatch batch) {
            List<Guard> guards = new ArrayList<>(batch.guards());
            List<WriteOp> ops = new ArrayList<>();
            List<Runnable> onCommit = new ArrayList<>();
            for (WriteOp op : batch.operations()) {
                if (op instanceof WriteOp.DeleteSnapshot d) {
                    onCommit.add(() -> deletedSnapshots.add(d.key()));
                } else if (op instanceof WriteOp.SetFence f && f.fence().epoch() == f.expectedEpoch()) {
                    guards.add(new Guard.FenceAt(f.fence().name(), f.expectedEpoch()));
                    onCommit.add(() -> renewedFences.put(f.fence().name(), f.fence()));
                } else {
                    ops.add(op);
                    if (op instanceof WriteOp.PutSnapshot p) {
                        onCommit.add(() -> deletedSnapshots.remove(p.snapshot().key()));
                    } else if (op instanceof WriteOp.SetFence f) {
                        onCommit.add(() -> renewedFences.remove(f.fence().name()));
                    }
                }
            }
            WriteResult result = guards.isEmpty() && ops.isEmpty() ? WriteResult.committed()
                    : super.apply(new WriteBatch(guards, ops));
            if (result.isCommitted()) {
                onCommit.forEach(Runnable::run);
            }
            return result;
        }

        @Override
        public List<WriteResult> applyAll(List<WriteBatch> batches) {
            return DefaultMethods.over(this).applyAll(batches);
        }

        @Override
        public Optional<Snapshot> loadSnapshot(String key) {
            return deletedSnapshots.contains(key) ? Optional.empty() : super.loadSnapshot(key);
        }

        @Override
        public List<String> listSnapshots(String prefix) {
            return super.listSnapshots(prefix).stream().filter(k -> !deletedSnapshots.contains(k)).toList();
        }

        @Override
        public Optional<Fence> readFence(String name) {
            Optional<Fence> stored = super.readFence(name);
            return stored.isPresent() && renewedFences.containsKey(name) ? Optional.of(renewedFences.get(name)) : stored;
        }

        @Override
        public List<Fence> listFences(String prefix) {
            return super.listFences(prefix).stream().map(f -> renewedFences.getOrDefault(f.name(), f)).toList();
        }
    }

    /** Caches single-item reads until its own next write, so another handle's writes stay unseen. */
    static final class CachesSingleReads extends ForwardingStore {
        private final Map<List<Object>, Object> cache = new ConcurrentHashMap<>();

        CachesSingleReads(Store delegate) {
            super(delegate);
        }

        @Override
        public WriteResult apply(WriteBatch batch) {
            cache.clear();
            try {
                return super.apply(batch);
            } finally {
                cache.clear();
            }
        }

        @Override
        public List<WriteResult> applyAll(List<WriteBatch> batches) {
            cache.clear();
            try {
                return super.applyAll(batches);
            } finally {
                cache.clear();
            }
        }

        @Override
        public long journalHead(StreamId stream) {
            return (Long) cache.computeIfAbsent(List.of("head", stream), k -> super.journalHead(stream));
        }

        @Override
        public Optional<Snapshot> loadSnapshot(String key) {
            @SuppressWarnings("unchecked")
            Optional<Snapshot> s = (Optional<Snapshot>) cache.computeIfAbsent(List.of("snapshot", key),
                    k -> super.loadSnapshot(key));
            return s;
        }

        @Override
        public Optional<byte[]> getRecord(String namespace, RecordKey key) {
            @SuppressWarnings("unchecked")
            Optional<byte[]> value = (Optional<byte[]>) cache.computeIfAbsent(List.of("record", namespace, key),
                    k -> super.getRecord(namespace, key));
            return value.map(byte[]::clone);
        }

        @Override
        public Optional<Fence> readFence(String name) {
            @SuppressWarnings("unchecked")
            Optional<Fence> f = (Optional<Fence>) cache.computeIfAbsent(List.of("fence", name),
                    k -> super.readFence(name));
            return f;
        }
    }
}
