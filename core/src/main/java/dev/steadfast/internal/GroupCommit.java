package dev.steadfast.internal;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreBusyException;
import dev.steadfast.spi.StoreClosedException;
import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOutcomeUnknownException;
import dev.steadfast.spi.WriteResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Commits one group with a single store call and hands every writer exactly its own results. The leader runs
 * both steps while it holds a commit permit; {@link #deliver()} runs even when {@link #commit()} was cut short and
 * never leaves a writer without an outcome.
 *
 * <p>What a writer is told follows from what the store's answer proves about its batches. A refusal of a single
 * batch ({@code apply} throwing {@link IllegalArgumentException}, {@link NullPointerException} or a
 * {@link StoreException}) proves nothing was written, because a batch is atomic; it reaches the writer as thrown.
 * A closed store wrote nothing either, nor did a store that gave up waiting for another writer
 * ({@link StoreBusyException}, for a group too: it promises no batch of the call was written), so every writer of
 * the call gets it as thrown and may retry. Any other fault, and any fault of a multi-batch {@code applyAll} (whose
 * contract says none of the results is known), reaches every writer of the call as a
 * {@link WriteOutcomeUnknownException} carrying the store's throwable, {@link Error}s included: the thread that
 * happened to lead the call is not the only one whose write was in it, and may not even have had its own write in
 * it. The one exception is a refusal of a group by a store that {@linkplain
 * dev.steadfast.spi.StoreDescriptor#validatesBeforeWriting() validates before writing}: nothing was written, so
 * each writer is retried on its own and the refusal reaches only the writer it concerns.
 */
final class GroupCommit {
    private final Store store;
    private final List<PendingWrite> group;
    private final GroupCommitMetrics metrics;
    private final int wakeFanout;
    private List<WriteResult> results;
    private RuntimeException failure;
    private boolean deliveredAlone;

    GroupCommit(Store store, List<PendingWrite> group, GroupCommitMetrics metrics) {
        this(store, group, metrics, 0);
    }

    /**
     * @param wakeFanout 0: the leader wakes every writer itself; from 1: it wakes the first only, and each writer
     *                   wakes this many after it ({@link WakeChain})
     */
    GroupCommit(Store store, List<PendingWrite> group, GroupCommitMetrics metrics, int wakeFanout) {
        this.store = store;
        this.group = group;
        this.metrics = metrics;
        this.wakeFanout = wakeFanout;
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
        } catch (StoreClosedException e) {
            failure = e;
        } catch (IllegalArgumentException | NullPointerException e) {
            if (batches.size() == 1) {
                failure = e;
            } else if (!validatesBeforeWriting()) {
                failure = unknown(batches.size(), e);
            } else if (group.size() == 1) {
                failure = e;
            } else {
                // Nothing was written (the store says it validates first), and our own checks did not foresee the
                // refusal: commit each writer on its own so that it reaches only the writer it concerns.
                deliveredAlone = true;
                commitEachAlone();
            }
        } catch (WriteOutcomeUnknownException | StoreBusyException e) {
            failure = e;
        } catch (StoreException e) {
            failure = batches.size() == 1 ? e : unknown(batches.size(), e);
        } catch (RuntimeException | Error e) {
            failure = unknown(batches.size(), e);
        }
    }

    /**
     * Hands each writer its results or the group's failure. Throws only an {@link Error} of the listener the
     * outcomes are reported to (its runtime exceptions are logged), and only after every writer has its outcome.
     */
    void deliver() {
        if (!deliveredAlone && !group.isEmpty()) {
            tellWriters();
        }
    }

    private void tellWriters() {
        if (results == null && failure == null) {
            failure = new WriteOutcomeUnknownException("group commit stopped before its store call returned; the "
                    + "outcome of its batches is unknown");
        }
        try {
            WriteOutcomes.report(metrics.observer(), group, results, failure);
        } finally {
            // A listener's Error must not cost the writers their outcomes: it is rethrown once they all have one.
            handOutcomes();
        }
    }

    private void handOutcomes() {
        if (wakeFanout > 0) {
            publishAndChain();
        } else if (failure != null) {
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

    /**
     * Sets every writer's outcome before waking any, then wakes only the head of a {@link WakeChain}. Last writer
     * first: a writer that sees its outcome on its own (it spun, or had not parked yet) passes the wake on at once,
     * possibly while this loop still runs, and the writers it wakes come after it, so their outcomes must already
     * be in; a woken writer without its outcome would park again with no one left to wake it.
     */
    private void publishAndChain() {
        PendingWrite[] writers = group.toArray(new PendingWrite[0]);
        WakeChain chain = WakeChain.of(writers, wakeFanout);
        int end = results == null ? 0 : results.size();
        for (int i = writers.length - 1; i >= 0; i--) {
            PendingWrite p = writers[i];
            int size = p.batches.size();
            List<WriteResult> mine = failure != null ? null
                    : size == 1 ? List.of(results.get(end - 1)) : List.copyOf(results.subList(end - size, end));
            p.publish(mine, failure, chain, i);
            end -= size;
        }
        chain.start();
    }

    private List<WriteResult> call(List<WriteBatch> batches) {
        metrics.recordGroup(batches.size());
        List<WriteResult> answer = timedCall(store, batches, metrics.observer());
        if (answer == null || answer.size() != batches.size() || containsNull(answer)) {
            throw new WriteOutcomeUnknownException("store " + store.descriptor().location() + " answered "
                    + batches.size() + " batches with " + (answer == null ? "no list"
                    : answer.size() + " results, some missing") + "; their outcome is unknown");
        }
        return answer;
    }

    /**
     * Writes {@code batches} with one store call when group commit is off: counted, timed and reported like a
     * group, with the store's answer or fault handed back exactly as the store gave it.
     */
    static List<WriteResult> direct(Store store, List<WriteBatch> batches, GroupCommitMetrics metrics) {
        metrics.recordGroup(batches.size());
        List<WriteResult> answer;
        try {
            answer = timedCall(store, batches, metrics.observer());
        } catch (RuntimeException | Error e) {
            WriteOutcomes.faults(metrics.observer(), batches.size());
            throw e;
        }
        WriteOutcomes.results(metrics.observer(), answer);
        return answer;
    }

    private static List<WriteResult> timedCall(Store store, List<WriteBatch> batches, Observer observer) {
        long started = System.nanoTime();
        try {
            List<WriteResult> answer = batches.size() == 1
                    ? Collections.singletonList(store.apply(batches.get(0)))
                    : store.applyAll(batches);
            observer.groupCommitted(batches.size(), System.nanoTime() - started, false);
            return answer;
        } catch (RuntimeException | Error e) {
            observer.groupCommitted(batches.size(), System.nanoTime() - started, true);
            throw e;
        }
    }

    private boolean validatesBeforeWriting() {
        try {
            return store.descriptor().validatesBeforeWriting();
        } catch (RuntimeException e) {
            return false; // a store that cannot describe itself gets no benefit of the doubt
        }
    }

    private static WriteOutcomeUnknownException unknown(int batches, Throwable cause) {
        return new WriteOutcomeUnknownException("store failed while committing a group of " + batches
                + " batches; their outcome is unknown: " + cause, cause);
    }

    private static boolean containsNull(List<WriteResult> results) {
        for (WriteResult r : results) {
            if (r == null) {
                return true;
            }
        }
        return false;
    }

    /** Every writer gets its own call and outcome, even when telling an earlier one threw a listener's Error. */
    private void commitEachAlone() {
        Error thrown = null;
        for (PendingWrite p : group) {
            try {
                commitAlone(p);
            } catch (Error e) {
                if (thrown == null) {
                    thrown = e;
                }
            }
        }
        if (thrown != null) {
            throw thrown;
        }
    }

    private void commitAlone(PendingWrite p) {
        GroupCommit alone = new GroupCommit(store, List.of(p), metrics, wakeFanout);
        try {
            alone.commit();
        } finally {
            alone.deliver();
        }
    }
}
