package dev.steadfast.internal;

import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** One caller's batches waiting in the group committer, and the slot its outcome is handed back in. */
final class PendingWrite {
    final List<WriteBatch> batches;
    final long bytes;
    private final Thread waiter;
    // Written before the volatile 'done', read after it: 'done' publishes them.
    private List<WriteResult> results;
    private RuntimeException failure;
    private volatile boolean done;
    // Set by the leader that takes this write into its group, under the committer's queue lock.
    private volatile boolean taken;
    // Set by the waiter just before it parks; the leader skips the unpark (a syscall) for a waiter still spinning.
    private volatile boolean parked;
    // The wake chain (WakeChain), written by the leader before 'done' and read by the waiter after it; the waiter
    // clears it once it has passed the wake on, so it is passed on once.
    private WakeChain chain;
    private int chainIndex;

    PendingWrite(List<WriteBatch> batches, long bytes, Thread waiter) {
        this.batches = batches;
        this.bytes = bytes;
        this.waiter = waiter;
    }

    boolean isDone() {
        return done;
    }

    /** Whether some leader has taken this write into its group; from then on only that leader finishes it. */
    boolean isTaken() {
        return taken;
    }

    void markTaken() {
        taken = true;
    }

    Thread waiter() {
        return waiter;
    }

    /**
     * Parks the waiter unless its outcome is already in. Announcing the park before re-checking {@code done}, while
     * {@link #finish()} sets {@code done} before reading {@code parked}, means one of the two always sees the other.
     */
    void parkUnlessDone(Object blocker) {
        parked = true;
        if (!done) {
            LockSupport.park(blocker);
        }
        parked = false;
    }

    void complete(List<WriteResult> results) {
        this.results = results;
        finish();
    }

    void fail(RuntimeException failure) {
        this.failure = failure;
        finish();
    }

    /**
     * Sets the outcome without waking the waiter: the leader publishes a whole group first and then wakes only the
     * head of {@code chain}, whose writers wake one another ({@link #passOn()}).
     */
    void publish(List<WriteResult> results, RuntimeException failure, WakeChain chain, int chainIndex) {
        this.results = results;
        this.failure = failure;
        this.chain = chain;
        this.chainIndex = chainIndex;
        done = true;
    }

    /** Wakes the waiter if it is parked, or about to park, and is not the calling thread. */
    void wake() {
        if (parked && waiter != Thread.currentThread()) {
            LockSupport.unpark(waiter);
        }
    }

    /**
     * On the waiter's own thread, once {@link #isDone()}: wakes the writers the chain put after this one. Every
     * writer of a chained group calls it whether it was woken, spun or never slept, so the chain cannot break at
     * a writer that did not need waking. Does nothing the second time, or for an outcome not set by
     * {@link #publish}.
     */
    void passOn() {
        WakeChain c = chain;
        if (c != null && done) {
            chain = null;
            c.wakeAfter(chainIndex);
        }
    }

    /** The results, or the failure rethrown; only after {@link #isDone()}. */
    List<WriteResult> outcome() {
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    private void finish() {
        done = true;
        if (parked && waiter != Thread.currentThread()) {
            LockSupport.unpark(waiter);
        }
    }
}
