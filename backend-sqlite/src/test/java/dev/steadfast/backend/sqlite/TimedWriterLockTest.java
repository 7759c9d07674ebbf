package dev.steadfast.backend.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.StoreEvent;
import dev.steadfast.tck.RecordingMonitor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A store's view of the shared writer lock reports a wait only when another holder made it wait. */
class TimedWriterLockTest {
    private final ReentrantLock shared = new ReentrantLock();
    private final TimedWriterLock lock = new TimedWriterLock(shared);
    private final RecordingMonitor monitor = new RecordingMonitor();
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch letGo = new CountDownLatch(1);
    private CompletableFuture<Void> holder;

    @AfterEach
    void release() throws Exception {
        letGo.countDown();
        if (holder != null) {
            holder.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFreeLockIsTakenWithoutAReportEvenReentrantly() throws Exception {
        lock.monitor(monitor);
        lock.lock();
        lock.lock();
        assertTrue(lock.tryLock(1, TimeUnit.SECONDS));
        lock.lockInterruptibly();
        assertEquals(4, shared.getHoldCount());
        for (int i = 0; i < 4; i++) {
            lock.unlock();
        }
        assertFalse(shared.isLocked());
        assertEquals(List.of(), monitor.events(StoreEvent.LockWaited.class));
    }

    @Test
    void aLockInterruptiblyThatWaitedForAnotherHolderReportsItsWait() throws Exception {
        lock.monitor(monitor);
        holdElsewhere();
        CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> {
            try {
                lock.lockInterruptibly();
                lock.unlock();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, task -> new Thread(task).start());
        awaitQueued();
        letGo.countDown();
        waiter.get(30, TimeUnit.SECONDS);
        List<StoreEvent.LockWaited> waits = monitor.events(StoreEvent.LockWaited.class);
        assertEquals(1, waits.size(), waits::toString);
        assertEquals(StoreEvent.LockWaited.Scope.PROCESS, waits.get(0).scope());
    }

    @Test
    void aTimedTryLockThatGaveUpReportsTheWaitAndHoldsNothing() throws Exception {
        lock.monitor(monitor);
        holdElsewhere();
        assertFalse(lock.tryLock(20, TimeUnit.MILLISECONDS), "another thread holds it");
        assertFalse(shared.isHeldByCurrentThread());
        List<StoreEvent.LockWaited> waits = monitor.events(StoreEvent.LockWaited.class);
        assertEquals(1, waits.size(), waits::toString);
        assertTrue(waits.get(0).nanos() >= TimeUnit.MILLISECONDS.toNanos(20), waits::toString);
    }

    @Test
    void waitsBeforeAMonitorIsGivenAreNotReported() throws Exception {
        holdElsewhere();
        assertFalse(lock.tryLock(1, TimeUnit.MILLISECONDS));
        lock.monitor(monitor);
        assertEquals(List.of(), monitor.events(StoreEvent.LockWaited.class));
    }

    private void holdElsewhere() throws InterruptedException {
        holder = CompletableFuture.runAsync(() -> {
            shared.lock();
            try {
                holding.countDown();
                letGo.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                shared.unlock();
            }
        }, task -> new Thread(task).start());
        assertTrue(holding.await(30, TimeUnit.SECONDS), "the other holder took the lock");
    }

    private void awaitQueued() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!shared.hasQueuedThreads() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(shared.hasQueuedThreads(), "the waiter queued behind the holder");
    }
}
