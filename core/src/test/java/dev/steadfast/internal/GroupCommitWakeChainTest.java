package dev.steadfast.internal;

import static dev.steadfast.internal.GroupCommitFaultMatrixTest.failureOf;
import static dev.steadfast.internal.GroupCommitFixture.TIMEOUT_SECONDS;
import static dev.steadfast.internal.GroupCommitFixture.append;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.steadfast.GroupCommitSettings;
import dev.steadfast.spi.StoreBusyException;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteOutcomeUnknownException;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.testing.Latches;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wake chain ({@link WakeChain}): a leader publishes its group's outcomes and wakes one writer, and the woken
 * writers wake the rest. Each test queues writers behind a commit held at the {@link GatedStore}'s gate, so the
 * writers are parked in a known order when the group they form is committed.
 */
class GroupCommitWakeChainTest {
    private static final int WRITERS = 6;
    private final GatedStore gated = new GatedStore();
    private final List<Thread> threads = new ArrayList<>();
    private GroupCommitStore store;

    @AfterEach
    void tearDown() throws InterruptedException {
        gated.openGate();
        if (store != null) {
            store.close();
        }
        for (Thread t : threads) {
            t.interrupt();
            t.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        }
    }

    @ParameterizedTest(name = "fanout={0}")
    @ValueSource(ints = {1, 2, 3})
    void everyWriterOfAChainedGroupIsWokenWithExactlyItsOwnResult(int fanout) throws Exception {
        open(fanout);
        List<CompletableFuture<WriteResult>> writers = queueBehindHeldLeader(WRITERS, i -> { });
        gated.openGate();
        for (int i = 0; i < WRITERS; i++) {
            assertEquals(WriteResult.committed(), writers.get(i).get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            assertEquals(1, gated.inner.journalHead(StreamId.of("w" + i)), "writer " + i + " wrote once");
        }
        assertEquals(List.of(1, WRITERS), gated.callSizes(), "the queued writers formed one group");
    }

    @ParameterizedTest(name = "fanout={0}")
    @ValueSource(ints = {1, 2})
    void aFailedChainedGroupReachesEveryWriterOfIt(int fanout) throws Exception {
        open(fanout);
        gated.failWriteCall(1, new IllegalStateException("disk on fire"));
        List<CompletableFuture<WriteResult>> writers = queueBehindHeldLeader(WRITERS, i -> { });
        gated.openGate();
        for (int i = 0; i < WRITERS; i++) {
            Throwable failure = failureOf(writers.get(i));
            assertInstanceOf(WriteOutcomeUnknownException.class, failure, "writer " + i);
            assertInstanceOf(IllegalStateException.class, failure.getCause(), "writer " + i);
        }
    }

    @Test
    void aBusyChainedGroupReachesEveryWriterAsTheSameBusyFault() throws Exception {
        open(1);
        StoreBusyException busy = new StoreBusyException("another writer holds the lock; nothing was written", null);
        gated.failWriteCall(1, busy);
        List<CompletableFuture<WriteResult>> writers = queueBehindHeldLeader(WRITERS, i -> { });
        gated.openGate();
        for (int i = 0; i < WRITERS; i++) {
            assertSame(busy, failureOf(writers.get(i)), "writer " + i + " may retry: nothing was written");
        }
    }

    @Test
    void aWriterWhoseCallerStallsOnItsResultDoesNotHoldUpTheWritersAfterIt() throws Exception {
        open(1);
        CountDownLatch never = new CountDownLatch(1);
        // Writer 1's caller blocks as soon as it has its result; with a chain of one, writers 2.. are woken only
        // through writer 1, so they finish only if it passed the wake on before its caller got the result.
        List<CompletableFuture<WriteResult>> writers = queueBehindHeldLeader(WRITERS, i -> {
            if (i == 1) {
                Latches.await(never);
            }
        });
        gated.openGate();
        for (int i = 2; i < WRITERS; i++) {
            assertEquals(WriteResult.committed(), writers.get(i).get(TIMEOUT_SECONDS, TimeUnit.SECONDS),
                    "writer " + i + " behind the stalled one");
        }
        assertFalse(writers.get(1).isDone(), "writer 1's caller is still stalled");
        never.countDown();
        assertEquals(WriteResult.committed(), writers.get(1).get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void aWriterInterruptedWhileParkedInTheChainGetsItsResultKeepsItsInterruptAndWakesTheNext() throws Exception {
        open(1);
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        List<CompletableFuture<WriteResult>> writers = queueBehindHeldLeader(WRITERS, i -> {
            if (i == 2) {
                interruptedAfter.set(Thread.currentThread().isInterrupted());
            }
        });
        Thread second = threads.get(3); // threads.get(0) is the held leader
        awaitParked(second);
        second.interrupt();
        awaitParked(second); // it woke, kept the interrupt aside, and parked again: its write is still queued
        gated.openGate();
        for (int i = 0; i < WRITERS; i++) {
            assertEquals(WriteResult.committed(), writers.get(i).get(TIMEOUT_SECONDS, TimeUnit.SECONDS),
                    "writer " + i);
        }
        assertTrue(interruptedAfter.get(), "the interrupt is restored before the caller gets its result");
    }

    @Test
    void closingWhileChainedWritersWaitFailsTheQueuedOnesAndFinishesTheGroupInFlight() throws Exception {
        open(1);
        List<CompletableFuture<WriteResult>> writers = queueBehindHeldLeader(WRITERS, i -> { });
        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> store.close());
        for (int i = 0; i < WRITERS; i++) {
            assertInstanceOf(dev.steadfast.spi.StoreClosedException.class, failureOf(writers.get(i)), "writer " + i);
        }
        assertFalse(closed.isDone(), "close waits for the held commit");
        gated.openGate();
        closed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertEquals(List.of(1), gated.callSizes(), "no queued write reached the store after close");
    }

    @Test
    void aWriterThatSeesItsOutcomeFindsEveryWriterItWakesWithItsOutcomeAlreadySet() throws Exception {
        // A writer that spins sees its outcome while the leader is still publishing the group, and passes the wake
        // on at once; a writer woken before its own outcome is in parks again and is never woken. The watcher
        // plays the head of the chain: the moment it sees its outcome, it looks at the last writer's.
        FaultInjectingStore store = new FaultInjectingStore(false, batches -> null);
        Thread nobody = new Thread(() -> { });
        int groupSize = 32;
        for (int round = 0; round < 300; round++) {
            List<PendingWrite> group = new ArrayList<>();
            for (int i = 0; i < groupSize; i++) {
                group.add(new PendingWrite(List.of(append("r" + round + "w" + i, 0, "x")), 1, nobody));
            }
            PendingWrite head = group.get(0);
            PendingWrite last = group.get(groupSize - 1);
            CompletableFuture<Boolean> lastWasIn = CompletableFuture.supplyAsync(() -> {
                while (!head.isDone()) {
                    Thread.onSpinWait();
                }
                return last.isDone();
            });
            GroupCommit commit = new GroupCommit(store, group, new GroupCommitMetrics(), 1);
            commit.commit();
            commit.deliver();
            assertTrue(lastWasIn.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), "round " + round + ": the head saw its "
                    + "outcome before the last writer's was set");
            assertEquals(List.of(WriteResult.committed()), last.outcome(), "round " + round);
        }
    }

    @Test
    void aFanoutBelowOneIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WakeChain.of(new PendingWrite[0], 0));
        assertTrue(e.getMessage().contains("fanout") && e.getMessage().contains("found 0"), e.getMessage());
    }

    private void open(int fanout) {
        store = new GroupCommitStore(gated, GroupCommitSettings.defaults(), Observer.NONE, fanout);
    }

    /** What a writer's caller does with its result on the writer's thread, given the writer's index. */
    private interface AfterResult {
        void run(int writer);
    }

    /**
     * Holds a leader's commit at the gate, then queues {@code count} writers one by one (each parked before the
     * next starts), on threads of their own so that a test can interrupt one.
     */
    private List<CompletableFuture<WriteResult>> queueBehindHeldLeader(int count, AfterResult after)
            throws Exception {
        gated.closeGate();
        CompletableFuture<WriteResult> leader = start(() -> store.apply(append("leader", 0, "l")));
        assertTrue(gated.entered.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS), "leader never reached the store");
        List<CompletableFuture<WriteResult>> writers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            writers.add(start(() -> {
                WriteResult r = store.apply(append("w" + n, 0, "w" + n));
                after.run(n);
                return r;
            }));
            awaitParked(threads.get(threads.size() - 1));
        }
        assertEquals(count, store.queuedBatches());
        leader.whenComplete((r, e) -> { }); // the leader's own outcome is checked by other tests
        return writers;
    }

    private CompletableFuture<WriteResult> start(java.util.function.Supplier<WriteResult> write) {
        CompletableFuture<WriteResult> outcome = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                outcome.complete(write.get());
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        }, "writer-" + threads.size());
        threads.add(t);
        t.start();
        return outcome;
    }

    /** Polls, with a deadline, until {@code t} is parked in the committer. */
    private static void awaitParked(Thread t) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!(t.getState() == Thread.State.WAITING && t.getStackTrace().length > 0
                && isInCommitter(t.getStackTrace()))) {
            if (System.nanoTime() > deadline) {
                fail(t.getName() + " never parked in the committer, it is " + t.getState());
            }
            Thread.yield();
        }
    }

    private static boolean isInCommitter(StackTraceElement[] stack) {
        for (StackTraceElement e : stack) {
            if (e.getClassName().equals(PendingWrite.class.getName())) {
                return true;
            }
        }
        return false;
    }
}
