package dev.steadfast.internal;

/**
 * How the writers of a committed group are woken when the leader does not wake them all itself. The leader sets
 * every outcome first ({@link PendingWrite#publish}), then wakes the first writer only; each writer, once it sees
 * its outcome, wakes the next {@code fanout} writers before it returns to its caller ({@link PendingWrite#passOn}).
 *
 * <p>Why: on two cores a leader that unparks fifteen writers is switched out after most of the unparks (the
 * woken thread preempts it) and switched back in after that writer has queued again, so the next group waits for
 * fifteen round trips. Spread over the woken writers, the unparks run beside the next group's store call.
 *
 * <p>No writer is left asleep: a writer's outcome is set before any writer that wakes it can see its own (outcomes
 * are set last writer first, and a writer only wakes writers after it), and a writer that was never parked (it
 * spun, or had not parked yet) still passes the wake on when it sees its outcome. A writer's caller cannot hold
 * the chain up, because the wake is passed on before the caller gets its result; only the scheduler can, for as
 * long as a woken thread waits for a core.
 */
final class WakeChain {
    private final PendingWrite[] writers;
    private final int fanout;

    private WakeChain(PendingWrite[] writers, int fanout) {
        this.writers = writers;
        this.fanout = fanout;
    }

    /** A chain over {@code writers} in their order, each waking the next {@code fanout} (at least 1). */
    static WakeChain of(PendingWrite[] writers, int fanout) {
        if (fanout < 1) {
            throw new IllegalArgumentException("a wake chain's fanout must be at least 1, found " + fanout);
        }
        return new WakeChain(writers, fanout);
    }

    /** On the leader, after every writer's outcome was published: wakes the head, or passes on for the leader. */
    void start() {
        if (writers.length == 0) {
            return;
        }
        PendingWrite head = writers[0];
        if (head.waiter() == Thread.currentThread()) {
            head.passOn();
        } else {
            head.wake();
        }
    }

    /** Wakes the writers that come after writer {@code index}: a tree of {@code fanout} children per writer. */
    void wakeAfter(int index) {
        long first = (long) index * fanout + 1;
        long end = Math.min(first + fanout, writers.length);
        for (long i = first; i < end; i++) {
            writers[(int) i].wake();
        }
    }
}
