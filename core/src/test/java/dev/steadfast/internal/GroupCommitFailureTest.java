package dev.steadfast.internal;

import static dev.steadfast.internal.GroupCommitFixture.append;
import static dev.steadfast.internal.GroupCommitFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.GroupCommitSettings;
import dev.steadfast.events.SteadfastEvent;
import dev.steadfast.events.SteadfastListener;
import dev.steadfast.spi.StoreBusyException;
import dev.steadfast.spi.StoreClosedException;
import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.StoreIOException;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteOutcomeUnknownException;
import dev.steadfast.spi.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitFailureTest {
    private final GroupCommitFixture f = new GroupCommitFixture(GroupCommitSettings.defaults());

    @AfterEach
    void tearDown() {
        f.close();
    }

    private List<CompletableFuture<WriteResult>> queueFollowers(int n, String prefix) {
        List<CompletableFuture<WriteResult>> followers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            followers.add(f.write(append(prefix + i, 0, "p")));
        }
        f.awaitQueued(n);
        return followers;
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        return assertThrows(ExecutionException.class, () -> await(future)).getCause();
    }

    @Test
    void aStoreFaultFailsExactlyTheWritersOfThatGroupAsOutcomeUnknown() throws Exception {
        StoreIOException fault = new StoreIOException("disk gone");
        CompletableFuture<WriteResult> leader = f.holdLeader();
        List<CompletableFuture<WriteResult>> group = queueFollowers(5, "doomed");
        f.gated.failWriteCall(1, fault);
        f.gated.openGate();

        assertEquals(WriteResult.committed(), await(leader));
        for (CompletableFuture<WriteResult> writer : group) {
            // applyAll failed as a whole: none of its results is known, whatever the store wrote before failing.
            Throwable failure = failureOf(writer);
            assertInstanceOf(WriteOutcomeUnknownException.class, failure);
            assertSame(fault, failure.getCause());
        }
        assertEquals(WriteResult.committed(), f.store.apply(append("after", 0, "p")));
        assertEquals(List.of(), f.store.listStreams("doomed"));
    }

    @Test
    void aGroupTheStoreRefusedAsBusyReachesEveryWriterAsTheBusyFaultThatWroteNothing() throws Exception {
        StoreBusyException busy = new StoreBusyException("held by another writer; nothing was written", null);
        CompletableFuture<WriteResult> leader = f.holdLeader();
        List<CompletableFuture<WriteResult>> group = queueFollowers(4, "busy");
        f.gated.failWriteCall(1, busy);
        f.gated.openGate();

        assertEquals(WriteResult.committed(), await(leader));
        for (CompletableFuture<WriteResult> writer : group) {
            // Not an unknown outcome: the store said nothing of the call was written, so each writer may retry.
            assertSame(busy, failureOf(writer));
        }
        assertEquals(List.of(), f.store.listStreams("busy"));
    }

    @Test
    void anUnexpectedRuntimeFaultReachesEveryWriterAsAStoreException() throws Exception {
        IllegalStateException bug = new IllegalStateException("backend bug");
        CompletableFuture<WriteResult> leader = f.holdLeader();
        List<CompletableFuture<WriteResult>> group = queueFollowers(3, "s");
        f.gated.failWriteCall(1, bug);
        f.gated.openGate();

        await(leader);
        for (CompletableFuture<WriteResult> writer : group) {
            Throwable failure = failureOf(writer);
            assertInstanceOf(StoreException.class, failure);
            assertSame(bug, failure.getCause());
            assertTrue(failure.getMessage().contains("outcome is unknown"), failure.getMessage());
        }
    }

    @Test
    void aBatchTheStoreRefusesFailsOnlyItsOwnerAndTheOthersCommit() throws Exception {
        List<CompletableFuture<WriteResult>> w = leaderThenOkPoisonOk(f);

        await(w.get(0));
        assertEquals(WriteResult.committed(), await(w.get(1)));
        assertEquals(WriteResult.committed(), await(w.get(3)));
        assertInstanceOf(IllegalArgumentException.class, failureOf(w.get(2)));
        assertEquals(List.of(1, 3, 1, 1, 1), f.gated.callSizes());
    }

    /**
     * A held leader, then ok1, a batch the store refuses (poison) and ok2 queued in that order behind it, released:
     * the group of three is refused and retried writer by writer. Returns leader, ok1, poison, ok2.
     */
    private static List<CompletableFuture<WriteResult>> leaderThenOkPoisonOk(GroupCommitFixture g)
            throws InterruptedException {
        g.gated.refuseAppendsTo(StreamId.of("poison"));
        List<CompletableFuture<WriteResult>> writers = new ArrayList<>(List.of(g.holdLeader()));
        for (String stream : List.of("ok1", "poison", "ok2")) {
            writers.add(g.write(append(stream, 0, "p")));
            g.awaitQueued(writers.size() - 1);
        }
        g.gated.openGate();
        return writers;
    }

    @Test
    void aListenerErrorWhileWritersAreRetriedAloneStrandsNoneOfThem() throws Exception {
        SteadfastListener broken = event -> {
            if (event instanceof SteadfastEvent.BatchWritten) {
                throw new AssertionError("listener bug");
            }
        };
        try (GroupCommitFixture g = new GroupCommitFixture(GroupCommitSettings.defaults(), new Observer(broken))) {
            List<CompletableFuture<WriteResult>> w = leaderThenOkPoisonOk(g);

            // Each writer comes back with its own outcome, or with the listener's Error if it led the call.
            assertOutcomeOrListenerError(w.get(0), null);
            assertOutcomeOrListenerError(w.get(1), null);
            assertOutcomeOrListenerError(w.get(2), IllegalArgumentException.class);
            assertOutcomeOrListenerError(w.get(3), null);
            assertEquals(List.of(1, 3, 1, 1, 1), g.gated.callSizes());
            assertEquals(1, g.store.journalHead(StreamId.of("ok1")));
            assertEquals(1, g.store.journalHead(StreamId.of("ok2")));
            assertEquals(0, g.store.journalHead(StreamId.of("poison")));
        }
    }

    private static void assertOutcomeOrListenerError(CompletableFuture<WriteResult> writer,
                                                     Class<? extends Throwable> refusal) throws Exception {
        try {
            WriteResult result = await(writer);
            assertNull(refusal, () -> "expected " + refusal.getSimpleName() + ", got " + result);
            assertEquals(WriteResult.committed(), result);
        } catch (ExecutionException e) {
            boolean listenerError = e.getCause() instanceof AssertionError a && "listener bug".equals(a.getMessage());
            if (!listenerError) {
                assertNotNull(refusal, () -> "expected committed, got " + e.getCause());
                assertInstanceOf(refusal, e.getCause());
            }
        }
    }

    @Test
    void anOversizedPayloadIsRejectedBeforeQueueingWithoutTouchingTheStore() {
        int max = f.store.descriptor().maxPayloadBytes();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.store.apply(append("big", 0, "x".repeat(max + 1))));

        assertTrue(e.getMessage().contains("journal 'big'") && e.getMessage().contains("at most " + max),
                e.getMessage());
        assertThrows(NullPointerException.class, () -> f.store.apply(null));
        assertThrows(NullPointerException.class, () -> f.store.applyAll(null));
        assertEquals(List.of(), f.gated.callSizes());
        assertEquals(WriteResult.committed(), f.store.apply(append("small", 0, "x".repeat(max))));
    }

    @Test
    void closingWithQueuedWritersFailsThemAtOnceAndLetsTheHeldCommitFinish() throws Exception {
        CompletableFuture<WriteResult> leader = f.holdLeader();
        List<CompletableFuture<WriteResult>> queued = queueFollowers(5, "q");
        CompletableFuture<Void> closing = CompletableFuture.runAsync(f.store::close);

        for (CompletableFuture<WriteResult> writer : queued) {
            assertInstanceOf(StoreClosedException.class, failureOf(writer));
        }
        assertFalse(closing.isDone(), "close must wait for the commit in flight");
        assertFalse(f.gated.inner.isClosed());

        f.gated.openGate();
        assertEquals(WriteResult.committed(), await(leader));
        await(closing);
        assertTrue(f.gated.inner.isClosed());
        assertThrows(StoreClosedException.class, () -> f.store.apply(append("late", 0, "p")));
        assertThrows(StoreClosedException.class, () -> f.store.journalHead(StreamId.of("leader")));
        f.store.close();
    }

    @Test
    void anInterruptedWriterStillGetsItsResultAndKeepsItsInterrupt() throws Exception {
        CompletableFuture<WriteResult> leader = f.holdLeader();
        AtomicReference<WriteResult> result = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            result.set(f.store.apply(append("w", 0, "p")));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        writer.start();
        f.awaitQueued(1);
        writer.interrupt();
        f.gated.openGate();

        writer.join(GroupCommitFixture.TIMEOUT_SECONDS * 1000);
        assertFalse(writer.isAlive());
        assertEquals(WriteResult.committed(), await(leader));
        assertEquals(WriteResult.committed(), result.get());
        assertTrue(stillInterrupted.get());
    }
}
