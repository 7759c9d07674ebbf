package dev.steadfast.internal;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Commits one group with a single store call and hands every writer exactly its own results. Run by the leader
 * while it holds the commit lock; never leaves a writer of the group without an outcome.
 */
final class GroupCommit {
    private final Store store;
    private final List<PendingWrite> group;
    private final GroupCommitMetrics metrics;

    GroupCommit(Store store, List<PendingWrite> group, GroupCommitMetrics metrics) {
        this.store = store;
        this.group = group;
        this.metrics = metrics;
    }

    void run() {
        if (group.isEmpty()) {
            return;
        }
        List<WriteBatch> batches = new ArrayList<>();
        for (PendingWrite p : group) {
            batches.addAll(p.batches);
        }
        List<WriteResult> results;
        try {
            results = call(batches);
        } catch (IllegalArgumentException | NullPointerException e) {
            // The store refused some batch before writing anything (the applyAll contract), which our own
            // checks did not foresee; commit each writer on its own so the refusal reaches only its owner.
            if (group.size() == 1) {
                group.get(0).fail(e);
            } else {
                group.forEach(this::commitAlone);
            }
            return;
        } catch (StoreException e) {
            failAll(e);
            return;
        } catch (RuntimeException | Error e) {
            failAll(new StoreException("store failed while committing a group of " + batches.size()
                    + " batches; their outcome is unknown", e));
            if (e instanceof Error error) {
                throw error;
            }
            return;
        }
        if (group.size() == 1) {
            group.get(0).complete(List.copyOf(results));
            return;
        }
        int from = 0;
        for (PendingWrite p : group) {
            int to = from + p.batches.size();
            p.complete(List.copyOf(results.subList(from, to)));
            from = to;
        }
    }

    private List<WriteResult> call(List<WriteBatch> batches) {
        metrics.recordGroup(batches.size());
        List<WriteResult> results = batches.size() == 1
                ? Collections.singletonList(store.apply(batches.get(0)))
                : store.applyAll(batches);
        if (results == null || results.size() != batches.size() || containsNull(results)) {
            throw new StoreException("store " + store.descriptor().location() + " answered " + batches.size()
                    + " batches with " + (results == null ? "no list" : results.size() + " results, some missing")
                    + "; their outcome is unknown");
        }
        return results;
    }

    private static boolean containsNull(List<WriteResult> results) {
        for (WriteResult r : results) {
            if (r == null) {
                return true;
            }
        }
        return false;
    }

    private void commitAlone(PendingWrite p) {
        new GroupCommit(store, List.of(p), metrics).run();
    }

    private void failAll(StoreException e) {
        group.forEach(p -> p.fail(e));
    }
}
