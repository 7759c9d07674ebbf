package dev.steadfast.backend.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.jdbc.ConnectionSource;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreEvent;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.tck.RecordingMonitor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Two stores of one database in this process, contending for its writer lock for real: the first stops at its
 * commit (holding the lock), the second, watched by a monitor, starts a write that queues behind it; the first
 * commits once the second is seen queued on the shared lock, and both writes go through.
 */
final class QueuedWriter {
    private static final StreamId STREAM = StreamId.of("queued");

    private QueuedWriter() {
    }

    /**
     * Runs the contention with stores opened by {@code open} (given how to wrap their connections) on the database
     * whose shared lock is {@code shared}; returns what the watched store reported.
     */
    static RecordingMonitor behindAPausedCommit(Function<UnaryOperator<ConnectionSource>, Store> open,
                                                ReentrantLock shared) throws Exception {
        PausedCommit[] paused = new PausedCommit[1];
        RecordingMonitor monitor = new RecordingMonitor();
        try (Store holder = open.apply(s -> paused[0] = new PausedCommit(s));
             Store waiter = open.apply(UnaryOperator.identity())) {
            waiter.monitor(monitor);
            assertTrue(waiter.apply(append("alone", 0)).isCommitted());
            assertEquals(List.of(), monitor.events(StoreEvent.LockWaited.class), "no wait without contention");
            paused[0].arm();
            try {
                // two operations, so the held write is a transaction with a commit to stop at
                CompletableFuture<WriteResult> held = CompletableFuture.supplyAsync(() -> holder.apply(
                        WriteBatch.builder().append(STREAM, 1, new byte[] {1}).append(StreamId.of("other"), 0,
                                new byte[] {2}).build()), task -> new Thread(task).start());
                assertTrue(paused[0].reached.await(30, TimeUnit.SECONDS), "the holder reached its commit");
                CompletableFuture<WriteResult> queued = CompletableFuture.supplyAsync(
                        () -> waiter.apply(append("queued", 2)), task -> new Thread(task).start());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!queued.isDone() && !shared.hasQueuedThreads() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertFalse(queued.isDone(), "the write went through while the other store held the lock");
                assertTrue(shared.hasQueuedThreads(), "the write queues on the database's writer lock");
                paused[0].resume();
                assertTrue(held.get(30, TimeUnit.SECONDS).isCommitted());
                assertTrue(queued.get(30, TimeUnit.SECONDS).isCommitted());
            } finally {
                paused[0].resume();
            }
        }
        return monitor;
    }

    private static WriteBatch append(String what, long head) {
        return WriteBatch.builder().append(STREAM, head, what.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .build();
    }
}
