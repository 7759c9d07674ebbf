package dev.steadfast.backend.sqlite;

import dev.steadfast.spi.StoreEvent;
import dev.steadfast.spi.StoreMonitor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * One store's hold on its database's writer lock ({@link WriterLocks}, shared with the other stores of the database
 * in this process), reporting each time the store had to wait for it as a {@link StoreEvent.LockWaited} of scope
 * {@link StoreEvent.LockWaited.Scope#PROCESS PROCESS}. Taking a free lock costs one {@code tryLock} and reports
 * nothing, so the writer's fast path is not timed; only a wait reads the clock. The event is reported with the lock
 * held, before the write, on the writer's thread.
 */
final class TimedWriterLock implements Lock {
    private final Lock shared;
    private volatile StoreMonitor monitor;

    TimedWriterLock(Lock shared) {
        this.shared = shared;
    }

    /** Where waits are reported from now on; none before. */
    void monitor(StoreMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void lock() {
        if (shared.tryLock()) {
            return;
        }
        long start = System.nanoTime();
        shared.lock();
        waited(start);
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        if (shared.tryLock()) {
            return;
        }
        long start = System.nanoTime();
        shared.lockInterruptibly();
        waited(start);
    }

    @Override
    public boolean tryLock() {
        return shared.tryLock();
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        if (shared.tryLock()) {
            return true;
        }
        long start = System.nanoTime();
        boolean got = shared.tryLock(time, unit);
        waited(start);
        return got;
    }

    @Override
    public void unlock() {
        shared.unlock();
    }

    @Override
    public Condition newCondition() {
        return shared.newCondition();
    }

    private void waited(long start) {
        StoreMonitor m = monitor;
        if (m != null) {
            m.onEvent(new StoreEvent.LockWaited(Math.max(1, System.nanoTime() - start),
                    StoreEvent.LockWaited.Scope.PROCESS));
        }
    }
}
