package dev.steadfast.internal;

import static dev.steadfast.internal.GroupCommitFixture.TIMEOUT_SECONDS;
import static dev.steadfast.internal.GroupCommitFixture.append;
import static dev.steadfast.internal.GroupCommitFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.GroupCommitSettings;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.StoreClosedException;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several groups committing at once ({@link GroupCommitSettings#withMaxGroupsInFlight(int)} above 1). */
class GroupCommitInFlightTest {
    private GroupCommitFixture f = new GroupCommitFixture(GroupCommitSettings.defaults().withMaxGroupsInFlight(3));

    @AfterEach
    void tearDown() {
        f.close();
    }

    /** Starts three writers and waits until all three are inside the store at once, held by its gate. */
    private List<CompletableFuture<WriteResult>> holdThreeLeaders() throws InterruptedException {
        f.gated.closeGate();
        List<CompletableFuture<WriteResult>> leaders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // One at a time: writers queued together would rightly share one group.
            leaders.add(f.write(append("leader" + i, 0, "l")));
            assertTrue(f.gated.entered.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS),
                    "leader " + i + " never entered the store while " + i + " commits were held");
        }
        return leaders;
    }

    @Test
    void threeGroupsCommitAtOnceAndTheNextWritersWaitForAPermitThenShareOneGroup() throws Exception {
        List<CompletableFuture<WriteResult>> leaders = holdThreeLeaders();
        List<CompletableFuture<WriteResult>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(f.write(append("w" + i, 0, "p")));
        }
        f.awaitQueued(3);

        assertEquals(List.of(1, 1, 1), f.gated.callSizes(), "a fourth call entered with every permit busy");
        waiting.forEach(w -> assertFalse(w.isDone()));
        f.gated.openGate();

        for (CompletableFuture<WriteResult> writer : leaders) {
            assertEquals(WriteResult.committed(), await(writer));
        }
        for (CompletableFuture<WriteResult> writer : waiting) {
            assertEquals(WriteResult.committed(), await(writer));
        }
        assertEquals(List.of(1, 1, 1, 3), f.gated.callSizes());
        assertEquals(3, f.store.stats().largestGroup());
    }

    @Test
    void concurrentLeadersTakeDisjointGroupsAndEveryCallerGetsItsOwnResults() throws Exception {
        f.close();
        f = new GroupCommitFixture(GroupCommitSettings.defaults().withMaxGroupsInFlight(3).withMaxBatches(3));
        List<CompletableFuture<WriteResult>> leaders = holdThreeLeaders();
        CompletableFuture<WriteResult> first = f.write(append("x", 0, "first"));
        f.awaitQueued(1);
        CompletableFuture<WriteResult> loser = f.write(append("x", 0, "loser"));
        f.awaitQueued(2);
        CompletableFuture<List<WriteResult>> pair = f.writeAll(List.of(append("y", 0, "1"), append("y", 5, "2")));
        f.awaitQueued(4);
        // Its own stream: groups in flight together have no order between them, so "x" at 1 could conflict.
        CompletableFuture<WriteResult> late = f.write(append("z", 0, "late"));
        f.awaitQueued(5);
        f.gated.openGate();

        for (CompletableFuture<WriteResult> leader : leaders) {
            assertEquals(WriteResult.committed(), await(leader));
        }
        assertEquals(WriteResult.committed(), await(first));
        assertEquals(new SequenceConflict(StreamId.of("x"), 0, 1), await(loser));
        assertEquals(List.of(WriteResult.committed(), new SequenceConflict(StreamId.of("y"), 5, 1)), await(pair));
        assertEquals(WriteResult.committed(), await(late));
        List<Integer> sizes = f.gated.callSizes();
        assertEquals(List.of(1, 1, 1), sizes.subList(0, 3));
        assertEquals(List.of(2, 3), sizes.subList(3, sizes.size()).stream().sorted().toList(),
                "the pair is never split, so the first group stops at two batches: " + sizes);
        assertEquals(1, f.store.journalHead(StreamId.of("x")));
        assertEquals(1, f.store.journalHead(StreamId.of("y")));
    }

    @Test
    void closingWithSeveralGroupsInFlightFailsQueuedWritersAndWaitsForEveryCommit() throws Exception {
        List<CompletableFuture<WriteResult>> leaders = holdThreeLeaders();
        List<CompletableFuture<WriteResult>> queued = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            queued.add(f.write(append("q" + i, 0, "p")));
        }
        f.awaitQueued(4);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(f.store::close);

        for (CompletableFuture<WriteResult> writer : queued) {
            Throwable failure = assertThrows(ExecutionException.class, () -> await(writer)).getCause();
            assertInstanceOf(StoreClosedException.class, failure);
        }
        assertFalse(closing.isDone(), "close must wait for the three commits in flight");
        assertFalse(f.gated.inner.isClosed());

        f.gated.openGate();
        for (CompletableFuture<WriteResult> leader : leaders) {
            assertEquals(WriteResult.committed(), await(leader));
        }
        await(closing);
        assertTrue(f.gated.inner.isClosed());
        assertEquals(List.of(1, 1, 1), f.gated.callSizes());
        assertThrows(StoreClosedException.class, () -> f.store.apply(append("late", 0, "p")));
        f.store.close();
    }

    @Test
    void settingsAcceptOneToSixtyFourGroupsInFlightAndDefaultToOne() {
        assertEquals(1, GroupCommitSettings.defaults().maxGroupsInFlight());
        assertEquals(64, GroupCommitSettings.defaults().withMaxGroupsInFlight(64).maxGroupsInFlight());
        for (int bad : new int[] {0, -1, 65}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GroupCommitSettings.defaults().withMaxGroupsInFlight(bad));
            assertTrue(e.getMessage().contains("maxGroupsInFlight must be between 1 and 64, was " + bad),
                    e.getMessage());
        }
    }
}
