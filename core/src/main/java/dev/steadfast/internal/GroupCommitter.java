package dev.steadfast.internal;

import dev.steadfast.GroupCommitSettings;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreClosedException;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Leader/follower group commit. A caller queues its batches, then either takes one of the commit permits
 * ({@link GroupCommitSettings#maxGroupsInFlight()}, one by default) and commits the queue's head group itself
 * (leader), or parks until a leader has committed its batches or hands leadership on. Batches that arrive while
 * every permit is busy form the next group, so a lone writer never waits for a timer. A write leaves the queue
 * only inside a leader's group, so concurrent leaders commit disjoint groups.
 *
 * <p>Invariant that keeps waiters from sleeping forever: every thread that releases a permit afterwards wakes the
 * waiter at the head of the queue, which then tries to lead. A waiter that failed to take a permit had queued
 * before trying, so each of the permit holders that made it fail is guaranteed to see the queue non-empty when it
 * releases; the head it wakes either leads or fails against new holders, who wake the head in turn. A waiter
 * whose write a leader has taken stops trying to lead and parks until that leader finishes the write. The head's
 * thread is always there to be woken, because a thread leaves only once its own write is finished: a leader whose
 * group did not hold its own write (a bound cut it off, or another waiter was ahead) goes round again, whatever
 * became of that group, and a fault of the store is handed to the group's writers, never thrown at the leader.
 *
 * <p>How a committed group's writers are woken is chosen by {@link WakePolicy}: the leader unparks each one itself
 * (fanout 0), or sets every outcome and wakes only the first, each woken writer waking the next ({@link WakeChain}).
 * A writer passes the wake on before it leaves {@link #await}, so waiters that the leader does not wake are still
 * woken.
 */
final class GroupCommitter {
    private final Store store;
    private final GroupCommitSettings settings;
    private final GroupCommitMetrics metrics;
    private final int maxInFlight;
    private final Semaphore permits;
    private final Object queueLock = new Object();
    private final ArrayDeque<PendingWrite> queue = new ArrayDeque<>(); // guarded by queueLock
    private int queuedBatches; // guarded by queueLock
    private volatile int queuedHint; // queuedBatches, readable without the lock
    private volatile int lastGroupBatches;
    // Both bounds are system properties only so the hand-off can be re-measured with either turned off (0).
    private static final long GATHER_NANOS = Long.getLong("steadfast.gc.gatherNanos", 50_000L);
    // A gather pays only when a writer that misses a group would wait a long store call for the next one.
    private static final long GATHER_MIN_CALL_NANOS = Long.getLong("steadfast.gc.gatherMinCallNanos",
            4 * GATHER_NANOS);
    private volatile long lastCallNanos = Long.MAX_VALUE; // the last group's store call; unknown counts as long
    private boolean closed; // guarded by queueLock
    private final Set<Thread> lingering = ConcurrentHashMap.newKeySet();
    private static final int MAX_SPINNERS = Math.max(0, Runtime.getRuntime().availableProcessors() - 1);
    private static final long SPIN_NANOS = Long.getLong("steadfast.gc.spinNanos", 200_000L);
    private final AtomicInteger spinners = new AtomicInteger();
    private final WakePolicy wake;

    GroupCommitter(Store store, GroupCommitSettings settings, GroupCommitMetrics metrics) {
        this(store, settings, metrics, WakePolicy.forStore(store.descriptor().durable()));
    }

    /** For tests: writers woken through a chain of {@code wakeFanout} after every store call, or never for 0. */
    GroupCommitter(Store store, GroupCommitSettings settings, GroupCommitMetrics metrics, int wakeFanout) {
        this(store, settings, metrics, WakePolicy.always(wakeFanout));
    }

    private GroupCommitter(Store store, GroupCommitSettings settings, GroupCommitMetrics metrics, WakePolicy wake) {
        this.wake = wake;
        this.store = store;
        this.settings = settings;
        this.metrics = metrics;
        this.maxInFlight = settings.maxGroupsInFlight();
        this.permits = new Semaphore(maxInFlight);
    }

    /** Commits {@code batches} as part of some group and returns their results, or throws the group's fault. */
    List<WriteResult> submit(List<WriteBatch> batches, long bytes) {
        return await(enqueue(batches, bytes));
    }

    /**
     * The first half of {@link #submit}: queues the caller's batches. Split out so that tests can stop a writer
     * between queueing and waiting, where the scheduler may stop it too.
     */
    PendingWrite enqueue(List<WriteBatch> batches, long bytes) {
        PendingWrite mine = new PendingWrite(batches, bytes, Thread.currentThread());
        synchronized (queueLock) {
            if (closed) {
                throw closedException();
            }
            queue.addLast(mine);
            queuedBatches += batches.size();
            queuedHint = queuedBatches;
            if (queuedBatches >= settings.maxBatches()) {
                wakeLingeringLeader();
            }
        }
        return mine;
    }

    /**
     * The second half of {@link #submit}, on the thread that queued {@code mine}: leads groups or waits until
     * {@code mine} has its outcome. A thread leaves only once its own write is finished (or, should this class
     * itself fail, withdrawn from the queue unwritten), so every queued write's thread is still here to be woken.
     */
    List<WriteResult> await(PendingWrite mine) {
        boolean interrupted = false;
        try {
            while (!mine.isDone()) {
                if (!mine.isTaken() && permits.tryAcquire()) {
                    try {
                        // Re-checked with the permit: another leader may have taken it meanwhile.
                        if (!mine.isTaken() && !mine.isDone()) {
                            interrupted |= lingerIfAsked();
                            awaitReturningWriters();
                            // The group holds other writers' batches: this thread's interrupt is set aside for the
                            // store call (restored on the way out), since a backend writing through an
                            // interruptible channel (H2, encrypted-file) would fail the group and close itself.
                            interrupted |= Thread.interrupted();
                            // The group need not hold this thread's own write; if it does not, this thread
                            // goes round again, whatever became of the group.
                            commitAndDeliver(takeGroup());
                        }
                    } finally {
                        permits.release();
                        wakeNextLeader();
                    }
                } else {
                    if (!mine.isTaken() || !spinUntilDone(mine)) {
                        mine.parkUnlessDone(this);
                    }
                    // The batch is already queued and cannot be withdrawn; remember the interrupt and keep waiting.
                    interrupted |= Thread.interrupted();
                }
            }
        } catch (RuntimeException | Error e) {
            // Only this class's own bookkeeping, or a listener's Error rethrown once the group's writers had their
            // outcomes, can get here (store faults are delivered, never thrown): leave no write of ours queued
            // behind, to be committed after its caller was told it failed.
            withdrawOrAwait(mine);
            throw e;
        } finally {
            // Before the caller gets its outcome, so that a caller that stalls cannot stall the chain after it.
            mine.passOn();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return mine.outcome();
    }

    /**
     * Refuses new writes, fails the queued ones with {@link StoreClosedException} and waits for every commit in
     * flight (their writers get their results). Idempotent.
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
        // Holding every permit means no leader is inside the store; keeps the caller's interrupt status.
        permits.acquireUninterruptibly(maxInFlight);
        permits.release(maxInFlight);
    }

    /** Batches waiting for a leader; for tests that must know writers have queued. */
    int queuedBatches() {
        synchronized (queueLock) {
            return queuedBatches;
        }
    }

    /**
     * Tells the group's writers before the permit goes: releasing first lets the next leader start with only the
     * writers queued so far, which splits closed-loop writers into two half-size groups that take turns (measured
     * with 14 writers over a 380 us store: mean group 12.4 fell to 7.3 and writes/s by a third).
     */
    private void commitAndDeliver(List<PendingWrite> group) {
        GroupCommit commit = new GroupCommit(store, group, metrics, wake.nextGroup());
        long started = System.nanoTime();
        try {
            commit.commit();
            lastCallNanos = System.nanoTime() - started;
            wake.called(lastCallNanos);
        } finally {
            commit.deliver();
        }
    }

    private List<PendingWrite> takeGroup() {
        List<PendingWrite> group = new ArrayList<>();
        PendingWrite left;
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
                next.markTaken();
                group.add(next);
                count += next.batches.size();
                bytes += next.bytes;
            }
            queuedBatches -= count;
            queuedHint = queuedBatches;
            lastGroupBatches = count;
            left = queue.peekFirst();
        }
        if (left != null && permits.availablePermits() > 0) {
            // A bound cut this group and a permit is spare: let the next group start now, not after this one.
            LockSupport.unpark(left.waiter());
        }
        return group;
    }

    /**
     * Lets one follower at a time wait for its taken write by spinning, not parking: with two cores a second
     * spinner would take the CPU the leader needs. Returns whether the write finished while spinning.
     */
    private boolean spinUntilDone(PendingWrite mine) {
        int now = spinners.get();
        if (now >= MAX_SPINNERS || !spinners.compareAndSet(now, now + 1)) {
            return mine.isDone();
        }
        try {
            long deadline = System.nanoTime() + SPIN_NANOS;
            for (int i = 1; !mine.isDone(); i++) {
                Thread.onSpinWait();
                if ((i & 63) == 0 && System.nanoTime() > deadline) {
                    return false;
                }
            }
            return true;
        } finally {
            spinners.decrementAndGet();
        }
    }

    /**
     * Gives the writers the last group just released a moment to queue again before a new group is cut: on two
     * cores they are still being scheduled when the permit comes free, and each one that misses the group waits a
     * whole store call. Yields rather than parks, and only while fewer batches are queued than the last group had,
     * so a lone writer never waits; and only after a long store call ({@link #gathers}).
     */
    private void awaitReturningWriters() {
        int target = Math.min(lastGroupBatches, settings.maxBatches());
        if (!gathers(GATHER_NANOS, GATHER_MIN_CALL_NANOS, lastCallNanos, queuedHint, target)) {
            return;
        }
        long deadline = System.nanoTime() + GATHER_NANOS;
        while (queuedHint < target && System.nanoTime() < deadline) {
            Thread.yield();
        }
    }

    /**
     * Whether a new leader waits for the last group's writers to queue again. Not when the gather is off, when as
     * many batches are queued as the last group had, or when the last store call was short: then a writer that
     * misses this group waits only a short call for the next, while the gather's yields cost every writer context
     * switches (on H2 with 16 writers, a 122 us group call, the gather doubled the switches per write and cost a
     * quarter of the throughput; over a store that waits for fsync it gained 16 %).
     *
     * @param gatherNanos    the longest gather, 0 for none
     * @param minCallNanos   the shortest store call worth a gather
     * @param lastCallNanos  how long the last group's store call took
     * @param queued         batches queued now
     * @param target         batches the last group had
     * @return whether to gather
     */
    static boolean gathers(long gatherNanos, long minCallNanos, long lastCallNanos, int queued, int target) {
        return gatherNanos > 0 && queued < target && lastCallNanos >= minCallNanos;
    }

    /**
     * Waits up to the linger for more writers. The interrupt status is cleared for the wait and reported back, to
     * be restored on the way out: with it set {@code parkNanos} returns at once and the linger would spin.
     *
     * @return whether the thread was interrupted before or during the linger
     */
    private boolean lingerIfAsked() {
        long linger = settings.maxLinger().toNanos();
        if (linger == 0) {
            return false;
        }
        long deadline = System.nanoTime() + linger;
        Thread me = Thread.currentThread();
        boolean interrupted = Thread.interrupted();
        lingering.add(me);
        try {
            for (long left = linger; left > 0 && !lingerOver(); left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(this, left);
                interrupted |= Thread.interrupted();
            }
        } finally {
            lingering.remove(me);
        }
        return interrupted;
    }

    /** Leaders waiting in their linger right now; lets tests see one is there without sleeping. */
    int lingeringLeaders() {
        return lingering.size();
    }

    /**
     * Takes {@code mine} out of the queue if no leader has taken it yet (it was never written, so the caller's
     * fault is the truth); otherwise waits, uninterruptibly, until the leader that took it has finished it.
     */
    private void withdrawOrAwait(PendingWrite mine) {
        boolean withdrawn;
        synchronized (queueLock) {
            withdrawn = !mine.isTaken() && queue.remove(mine);
            if (withdrawn) {
                queuedBatches -= mine.batches.size();
                queuedHint = queuedBatches;
            }
        }
        if (withdrawn) {
            wakeNextLeader();
            return;
        }
        boolean interrupted = false;
        while (!mine.isDone()) {
            mine.parkUnlessDone(this);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void wakeLingeringLeader() {
        if (!lingering.isEmpty()) {
            lingering.forEach(LockSupport::unpark);
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
