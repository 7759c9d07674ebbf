package dev.steadfast.internal;

import dev.steadfast.GroupCommitSettings;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreClosedException;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Leader/follower group commit. A caller queues its batches, then either takes the commit lock and commits the
 * queue's head group itself (leader), or parks until a leader has committed its batches or hands leadership on.
 * Batches that arrive while a commit is in flight form the next group, so a lone writer never waits for a timer.
 *
 * <p>Invariant that keeps waiters from sleeping forever: every thread that releases the commit lock afterwards
 * wakes the waiter at the head of the queue, which then tries to lead. A waiter that failed to take the lock had
 * queued before trying, so the releasing thread is guaranteed to see it.
 */
final class GroupCommitter {
    private final Store store;
    private final GroupCommitSettings settings;
    private final GroupCommitMetrics metrics;
    private final ReentrantLock commitLock = new ReentrantLock();
    private final Object queueLock = new Object();
    private final ArrayDeque<PendingWrite> queue = new ArrayDeque<>(); // guarded by queueLock
    private int queuedBatches; // guarded by queueLock
    private boolean closed; // guarded by queueLock
    private volatile Thread lingering;

    GroupCommitter(Store store, GroupCommitSettings settings, GroupCommitMetrics metrics) {
        this.store = store;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** Commits {@code batches} as part of some group and returns their results, or throws the group's fault. */
    List<WriteResult> submit(List<WriteBatch> batches, long bytes) {
        PendingWrite mine = new PendingWrite(batches, bytes, Thread.currentThread());
        synchronized (queueLock) {
            if (closed) {
                throw closedException();
            }
            queue.addLast(mine);
            queuedBatches += batches.size();
            if (queuedBatches >= settings.maxBatches()) {
                wakeLingeringLeader();
            }
        }
        boolean interrupted = false;
        try {
            while (!mine.isDone()) {
                if (commitLock.tryLock()) {
                    try {
                        if (!mine.isDone()) {
                            lingerIfAsked();
                            new GroupCommit(store, takeGroup(), metrics).run();
                        }
                    } finally {
                        commitLock.unlock();
                        wakeNextLeader();
                    }
                } else {
                    LockSupport.park(this);
                    // The batch is already queued and cannot be withdrawn; remember the interrupt and keep waiting.
                    interrupted |= Thread.interrupted();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return mine.outcome();
    }

    /**
     * Refuses new writes, fails the queued ones with {@link StoreClosedException} and waits for the commit in
     * flight (its writers get their results). Idempotent.
     */
    void close() {
        List<PendingWrite> orphans;
        synchronized (queueLock) {
            closed = true;
            orphans = new ArrayList<>(queue);
            queue.clear();
            queuedBatches = 0;
        }
        wakeLingeringLeader();
        if (!orphans.isEmpty()) {
            StoreClosedException e = closedException();
            orphans.forEach(p -> p.fail(e));
        }
        commitLock.lock();
        commitLock.unlock();
    }

    /** Batches waiting for a leader; for tests that must know writers have queued. */
    int queuedBatches() {
        synchronized (queueLock) {
            return queuedBatches;
        }
    }

    private List<PendingWrite> takeGroup() {
        List<PendingWrite> group = new ArrayList<>();
        synchronized (queueLock) {
            int count = 0;
            long bytes = 0;
            PendingWrite next;
            while ((next = queue.peekFirst()) != null) {
                boolean fits = count + next.batches.size() <= settings.maxBatches()
                        && bytes + next.bytes <= settings.maxBytes();
                if (!group.isEmpty() && !fits) {
                    break;
                }
                queue.pollFirst();
                group.add(next);
                count += next.batches.size();
                bytes += next.bytes;
            }
            queuedBatches -= count;
        }
        return group;
    }

    private void lingerIfAsked() {
        long linger = settings.maxLinger().toNanos();
        if (linger == 0) {
            return;
        }
        long deadline = System.nanoTime() + linger;
        lingering = Thread.currentThread();
        try {
            for (long left = linger; left > 0 && !lingerOver(); left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(this, left);
            }
        } finally {
            lingering = null;
        }
    }

    private void wakeLingeringLeader() {
        Thread leader = lingering;
        if (leader != null) {
            LockSupport.unpark(leader);
        }
    }

    private boolean lingerOver() {
        synchronized (queueLock) {
            return closed || queuedBatches >= settings.maxBatches();
        }
    }

    private void wakeNextLeader() {
        PendingWrite head;
        synchronized (queueLock) {
            head = queue.peekFirst();
        }
        if (head != null) {
            LockSupport.unpark(head.waiter());
        }
    }

    private StoreClosedException closedException() {
        return new StoreClosedException(store.descriptor().location());
    }
}
