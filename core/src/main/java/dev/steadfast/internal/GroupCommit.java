package dev.steadfast.internal;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Commits one group with a single store call and hands every writer exactly its own results. The leader runs
 * both steps while it holds a commit permit; {@link #deliver()} runs even when {@link #commit()} was cut short, and
 * never leaves a writer without an outcome.
 */
final class GroupCommit {
    private final Store store;
    private final List<PendingWrite> group;
    private final GroupCommitMetrics metrics;
    private List<WriteResult> results;
    private RuntimeException failure;
    private Error error;
    private boolean deliveredAlone;

    GroupCommit(Store store, List<PendingWrite> group, GroupCommitMetrics metrics) {
        this.store = store;
        this.group = group;
        this.metrics = metrics;
    }

    /** Makes the store call(s) for the group; only {@link #deliver()} tells the writers. */
    void commit() {
        if (group.isEmpty()) {
            return;
        }
        int count = 0;
        for (PendingWrite p : group) {
            count += p.batches.size();
        }
        List<WriteBatch> batches = new ArrayList<>(count);
        for (PendingWrite p : group) {
            batches.addAll(p.batches);
        }
        try {
            results = call(batches);
        } catch (IllegalArgumentException | NullPointerException e) {
            // The store refused some batch before writing anything (the applyAll contract), which our own
            // checks did not foresee; commit each writer on its own so the refusal reaches only its owner.
            if (group.size() == 1) {
                failure = e;
            } else {
                deliveredAlone = true;
                group.forEach(this::commitAlone);
            }
        } catch (StoreException e) {
            failure = e;
        } catch (RuntimeException | Error e) {
            failure = new StoreException("store failed while committing a group of " + batches.size()
                    + " batches; their outcome is unknown", e);
            if (e instanceof Error err) {
                error = err;
            }
        }
    }

    /** Hands each writer its results or the group's failure; rethrows an {@link Error} of the store afterwards. */
    void deliver() {
        if (!deliveredAlone && !group.isEmpty()) {
            tellWriters();
        }
        if (error != null) {
            throw error;
        }
    }

    private void tellWriters() {
        if (results == null && failure == null) {
            failure = new StoreException("group commit stopped before its store call returned; the outcome of "
                    + "its batches is unknown");
        }
        if (failure != null) {
            group.forEach(p -> p.fail(failure));
        } else if (group.size() == 1) {
            group.get(0).complete(List.copyOf(results));
        } else {
            int from = 0;
            for (PendingWrite p : group) {
                int size = p.batches.size();
                p.complete(size == 1 ? List.of(results.get(from)) : List.copyOf(results.subList(from, from + size)));
                from += size;
            }
        }
    }

    private List<WriteResult> call(List<WriteBatch> batches) {
        metrics.recordGroup(batches.size());
        List<WriteResult> answer = batches.size() == 1
                ? Collections.singletonList(store.apply(batches.get(0)))
                : store.applyAll(batches);
        if (answer == null || answer.size() != batches.size() || containsNull(answer)) {
            throw new StoreException("store " + store.descriptor().location() + " answered " + batches.size()
                    + " batches with " + (answer == null ? "no list" : answer.size() + " results, some missing")
                    + "; their outcome is unknown");
        }
        return answer;
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
        GroupCommit alone = new GroupCommit(store, List.of(p), metrics);
        alone.commit();
        try {
            alone.deliver();
        } catch (Error e) {
            // The writer already has its outcome; keep going so the rest of the group gets theirs too.
            error = error == null ? e : error;
        }
    }
}
