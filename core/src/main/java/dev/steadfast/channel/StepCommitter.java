package dev.steadfast.channel;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreClosedException;
import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Commits the steps of every channel of one {@link Channels} from one thread: whatever steps queued while the
 * previous commit ran go to the store together in one {@link Store#applyAll} call, so many channels' steps share
 * one transaction and one sync without any caller blocking. Behind {@code Steadfast#store()} that call joins the
 * core's group commit as one unit, sharing the commit with the store's other writers too.
 *
 * <p>A future completes only after the call carrying its batch returned: {@code Committed} therefore means durable
 * on a durable store. A fault of the call fails every future of the group with it (their outcome is unknown). A
 * store that refuses the group as invalid before writing is asked again batch by batch, so one step's bad input
 * never fails another channel's step. Futures are completed on the commit thread.
 */
final class StepCommitter implements StepSink {
    private final Store store;
    private final int maxGroup;
    private final int maxPayloadBytes;
    private final Object lock = new Object();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>(); // guarded by lock
    private boolean closed; // guarded by lock
    private final Thread thread;

    private record Pending(WriteBatch batch, CompletableFuture<WriteResult> future) {
    }

    StepCommitter(Store store, int maxGroup) {
        this.store = store;
        this.maxGroup = maxGroup;
        this.maxPayloadBytes = store.descriptor().maxPayloadBytes();
        this.thread = new Thread(this::run, "steadfast-channel-commit");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code batch} for the next commit. */
    @Override
    public CompletableFuture<WriteResult> submit(WriteBatch batch) {
        CompletableFuture<WriteResult> future = new CompletableFuture<>();
        try {
            batch.requirePayloadsAtMost(maxPayloadBytes);
        } catch (IllegalArgumentException e) {
            future.completeExceptionally(e);
            return future;
        }
        synchronized (lock) {
            if (closed) {
                future.completeExceptionally(new StoreClosedException(store.descriptor().location()));
                return future;
            }
            queue.addLast(new Pending(batch, future));
            lock.notifyAll();
        }
        return future;
    }

    @Override
    public boolean isCommitThread() {
        return Thread.currentThread() == thread;
    }

    /** Fails queued steps with {@link StoreClosedException}, lets the commit in flight finish, stops the thread. */
    void close() {
        List<Pending> orphans;
        synchronized (lock) {
            closed = true;
            orphans = new ArrayList<>(queue);
            queue.clear();
            lock.notifyAll();
        }
        StoreClosedException e = new StoreClosedException(store.descriptor().location());
        orphans.forEach(p -> p.future.completeExceptionally(e));
        if (Thread.currentThread() != thread) {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException ie) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (true) {
            List<Pending> group = new ArrayList<>();
            synchronized (lock) {
                while (queue.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        // Only close() ends the thread; an interrupt is not a reason to drop queued steps.
                    }
                }
                if (queue.isEmpty()) {
                    return;
                }
                while (!queue.isEmpty() && group.size() < maxGroup) {
                    group.add(queue.pollFirst());
                }
            }
            commit(group);
        }
    }

    private void commit(List<Pending> group) {
        List<WriteBatch> batches = new ArrayList<>(group.size());
        group.forEach(p -> batches.add(p.batch));
        List<WriteResult> results;
        try {
            results = batches.size() == 1 ? List.of(store.apply(batches.get(0))) : store.applyAll(batches);
        } catch (IllegalArgumentException | NullPointerException e) {
            if (group.size() == 1) {
                group.get(0).future.completeExceptionally(e);
            } else {
                group.forEach(p -> commit(List.of(p)));
            }
            return;
        } catch (RuntimeException | Error e) {
            RuntimeException failure = e instanceof StoreException se ? se : new StoreException(
                    "store failed while committing " + batches.size() + " channel steps; their outcome is unknown",
                    e);
            // An Error is reported to the group too, not rethrown: a dead commit thread would strand every step.
            group.forEach(p -> p.future.completeExceptionally(failure));
            return;
        }
        if (results == null || results.size() != group.size()) {
            StoreException failure = new StoreException("store answered " + group.size() + " channel steps with "
                    + (results == null ? "no list" : results.size() + " results") + "; their outcome is unknown");
            group.forEach(p -> p.future.completeExceptionally(failure));
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).future.complete(results.get(i));
        }
    }
}
