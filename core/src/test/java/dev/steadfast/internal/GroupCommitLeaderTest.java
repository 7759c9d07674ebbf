package dev.steadfast.internal;

import static dev.steadfast.internal.GroupCommitFaultMatrixTest.failureOf;
import static dev.steadfast.internal.GroupCommitFixture.TIMEOUT_SECONDS;
import static dev.steadfast.internal.GroupCommitFixture.append;
import static dev.steadfast.internal.GroupCommitFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.steadfast.GroupCommitSettings;
import dev.steadfast.internal.FaultInjectingStore.Fault;
import dev.steadfast.internal.FaultInjectingStore.Injection;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteOutcomeUnknownException;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.testing.Latches;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a leader does when the group it commits fails, and how it waits. */
class GroupCommitLeaderTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void anErrorInAGroupWithoutTheLeadersWriteNeitherStrandsNorLaterCommitsTheLeadersWrite() throws Exception {
        AtomicBoolean armed = new AtomicBoolean(true);
        FaultInjectingStore store = new FaultInjectingStore(false,
                batches -> armed.compareAndSet(true, false) ? new Injection(Fault.ERROR, 0) : null);
        GroupCommitter committer = new GroupCommitter(store, GroupCommitSettings.defaults().withMaxBatches(1),
                new GroupCommitMetrics());
        // A queues and is descheduled before it tries to lead; X queues behind it and leads a group of A alone.
        CountDownLatch aQueued = new CountDownLatch(1);
        CountDownLatch aGo = new CountDownLatch(1);
        CompletableFuture<List<WriteResult>> a = CompletableFuture.supplyAsync(() -> {
            PendingWrite mine = committer.enqueue(List.of(append("a", 0, "a")), 1);
            aQueued.countDown();
            Latches.await(aGo);
            return committer.await(mine);
        }, pool);
        assertTrue(aQueued.await(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        CompletableFuture<List<WriteResult>> x = CompletableFuture.supplyAsync(
                () -> committer.submit(List.of(append("x", 0, "x")), 1), pool);

        assertNull(failureOf(x), "X was never in the failed group; it must go on and commit itself");
        assertEquals(1, store.inner.journalHead(StreamId.of("x")));
        CompletableFuture<List<WriteResult>> w = CompletableFuture.supplyAsync(
                () -> committer.submit(List.of(append("w", 0, "w")), 1), pool);
        assertEquals(List.of(WriteResult.committed()), await(w));
        assertEquals(1, store.inner.journalHead(StreamId.of("x")), "X is in the store once");
        aGo.countDown();
        Throwable aFailure = failureOf(a);
        assertInstanceOf(WriteOutcomeUnknownException.class, aFailure);
        assertInstanceOf(FaultInjectingStore.InjectedError.class, aFailure.getCause());
        assertEquals(0, store.inner.journalHead(StreamId.of("a")));
        assertEquals(0, committer.queuedBatches());
    }

    @Test
    void aStoreThatWritesBatchByBatchIsNotRetriedAloneAndItsGroupIsToldOutcomeUnknown() throws Exception {
        // The SPI default applyAll: B1 written, then B2 refused. A retry of B1 alone would report a conflict
        // with B1's own entry already in the journal.
        FaultInjectingStore store = new FaultInjectingStore(false, batches -> null);
        GroupCommitter committer = new GroupCommitter(store, GroupCommitSettings.defaults(), new GroupCommitMetrics());
        CountDownLatch queued = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<List<WriteResult>> b1 = pausedWriter(committer, "b1", queued, go);
        awaitCount(queued, 1);
        CompletableFuture<List<WriteResult>> b2 = pausedWriter(committer, "poison", queued, go);
        assertTrue(queued.await(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        go.countDown();

        Throwable first = failureOf(b1);
        Throwable second = failureOf(b2);
        assertInstanceOf(WriteOutcomeUnknownException.class, first, "B1 may be in the store: " + first);
        assertInstanceOf(WriteOutcomeUnknownException.class, second);
        assertInstanceOf(IllegalArgumentException.class, second.getCause());
        assertEquals(1, store.inner.journalHead(StreamId.of("b1")), "B1 was written once, and only once");
    }

    @Test
    void anInterruptedLeaderLingersParkedWithItsInterruptSetAsideAndKeepsItAfterwards() throws Exception {
        FaultInjectingStore store = new FaultInjectingStore(true, batches -> null);
        GroupCommitStore grouped = new GroupCommitStore(store,
                GroupCommitSettings.defaults().withMaxBatches(2).withMaxLinger(Duration.ofSeconds(1)));
        AtomicReference<WriteResult> result = new AtomicReference<>();
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        Thread leader = new Thread(() -> {
            Thread.currentThread().interrupt();
            result.set(grouped.apply(append("l", 0, "l")));
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        leader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (grouped.lingeringLeaders() == 0) {
            if (!leader.isAlive() || System.nanoTime() > deadline) {
                fail("the interrupted writer never lingered");
            }
            Thread.yield();
        }
        // With the flag still set parkNanos returns at once and the linger is a busy spin of the whole second.
        assertFalse(leader.isInterrupted(), "the interrupt must be set aside while the leader lingers");
        while (leader.getState() != Thread.State.TIMED_WAITING && grouped.lingeringLeaders() > 0) {
            Thread.yield();
        }

        assertEquals(WriteResult.committed(), grouped.apply(append("f", 0, "f")));
        leader.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        assertFalse(leader.isAlive());
        assertEquals(WriteResult.committed(), result.get());
        assertTrue(interruptedAfter.get(), "the caller's interrupt is restored on the way out");
        assertEquals(new dev.steadfast.GroupCommitStats(1, 2, 2), grouped.stats(), "one call carried both writes");
        grouped.close();
    }

    private CompletableFuture<List<WriteResult>> pausedWriter(GroupCommitter committer, String stream,
                                                              CountDownLatch queued, CountDownLatch go) {
        return CompletableFuture.supplyAsync(() -> {
            PendingWrite mine = committer.enqueue(List.of(append(stream, 0, stream)), 1);
            queued.countDown();
            Latches.await(go);
            return committer.await(mine);
        }, pool);
    }

    private static void awaitCount(CountDownLatch latch, long remaining) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (latch.getCount() > remaining) {
            if (System.nanoTime() > deadline) {
                fail("writer never queued");
            }
            Thread.yield();
        }
    }
}
