package dev.steadfast.internal;

import static dev.steadfast.internal.GroupCommitFixture.TIMEOUT_SECONDS;
import static dev.steadfast.internal.GroupCommitFixture.append;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.GroupCommitSettings;
import dev.steadfast.internal.FaultInjectingStore.Fault;
import dev.steadfast.internal.FaultInjectingStore.Injection;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteOutcomeUnknownException;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.testing.Latches;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of store fault at every position of a three-writer group, with the thread that leads the group at
 * every position too, including one whose own write a bound cut off the group, with the leader waking the writers
 * itself and through a {@link WakeChain}: every writer gets exactly one outcome, and it matches what the store holds.
 *
 * <p>The writers queue one by one and then wait at a latch, as a descheduled thread would between queueing and
 * trying to lead; releasing just one of them makes it the leader of the group, deterministically.
 */
class GroupCommitFaultMatrixTest {
    private static final int GROUP = 3;
    private static final int WRITERS = GROUP + 1;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    /** A fault kind, or a refusal by a store that validates up front (no fault: the others are retried alone). */
    enum Case { ERROR, RUNTIME, STORE, LATE_REFUSAL, UP_FRONT_REFUSAL }

    static Stream<Arguments> matrix() {
        List<Arguments> all = new ArrayList<>();
        for (int fanout : new int[] {0, 1}) {
            for (int inFlight : new int[] {1, 4}) {
                for (Case c : Case.values()) {
                    for (int failing = 0; failing < GROUP; failing++) {
                        for (int leader = 0; leader < WRITERS; leader++) {
                            all.add(Arguments.of(fanout, inFlight, c, failing, leader));
                        }
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "wakeFanout={0} inFlight={1} {2} at batch {3}, led by writer {4}")
    @MethodSource("matrix")
    void everyWriterGetsOneOutcomeThatMatchesTheStore(int fanout, int inFlight, Case fault, int failing, int leader)
            throws Exception {
        AtomicBoolean armed = new AtomicBoolean(fault != Case.UP_FRONT_REFUSAL);
        boolean upFront = fault == Case.UP_FRONT_REFUSAL;
        FaultInjectingStore store = new FaultInjectingStore(upFront, batches ->
                batches > 1 && armed.compareAndSet(true, false)
                        ? new Injection(Fault.valueOf(fault.name()), failing) : null);
        GroupCommitter committer = new GroupCommitter(store,
                GroupCommitSettings.defaults().withMaxBatches(GROUP).withMaxGroupsInFlight(inFlight),
                new GroupCommitMetrics(), fanout);
        List<String> streams = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            streams.add((upFront && i == failing ? "poison" : "w") + i);
        }

        List<CountDownLatch> go = new ArrayList<>();
        List<CompletableFuture<List<WriteResult>>> outcomes = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            CountDownLatch queued = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            String stream = streams.get(i);
            outcomes.add(CompletableFuture.supplyAsync(() -> {
                PendingWrite mine = committer.enqueue(List.of(append(stream, 0, stream)), 1);
                queued.countDown();
                Latches.await(release);
                return committer.await(mine);
            }, pool));
            assertTrue(queued.await(TIMEOUT_SECONDS, TimeUnit.SECONDS), "writer " + i + " never queued");
            go.add(release);
        }
        go.get(leader).countDown();
        failureOf(outcomes.get(leader)); // the leader finishes on its own, before the others even try to lead
        go.forEach(CountDownLatch::countDown);

        for (int i = 0; i < WRITERS; i++) {
            Throwable failure = failureOf(outcomes.get(i));
            long head = store.inner.journalHead(StreamId.of(streams.get(i)));
            String who = "writer " + i + " (" + failure + ")";
            if (i == GROUP) {
                assertEquals(null, failure, "the write after the group must commit: " + who);
            } else if (upFront) {
                if (i == failing) {
                    assertInstanceOf(IllegalArgumentException.class, failure, who);
                } else {
                    assertEquals(null, failure, who);
                }
            } else {
                assertInstanceOf(WriteOutcomeUnknownException.class, failure, who);
                assertEquals(FaultInjectingStore.Fault.valueOf(fault.name()), kindOf(failure.getCause()), who);
                assertEquals(i < failing ? 1 : 0, head, "the store wrote the batches before the fault only: " + who);
            }
            if (failure == null) {
                assertEquals(1, head, "a committed write is in the store exactly once: " + who);
                assertEquals(WriteResult.committed(), outcomes.get(i).join().get(0), who);
            } else if (!(failure instanceof WriteOutcomeUnknownException)) {
                assertEquals(0, head, "a write reported failed is absent: " + who);
            }
        }
        assertEquals(0, committer.queuedBatches());
    }

    private static Fault kindOf(Throwable t) {
        if (t instanceof FaultInjectingStore.InjectedError) {
            return Fault.ERROR;
        }
        if (t instanceof IllegalStateException) {
            return Fault.RUNTIME;
        }
        return t instanceof IllegalArgumentException ? Fault.LATE_REFUSAL : Fault.STORE;
    }

    /** The writer's failure, null when it returned; fails the test if it has no outcome in time. */
    static Throwable failureOf(CompletableFuture<?> outcome) throws InterruptedException {
        try {
            outcome.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("a writer got no outcome within " + TIMEOUT_SECONDS + " s: it is stranded");
        }
    }
}
