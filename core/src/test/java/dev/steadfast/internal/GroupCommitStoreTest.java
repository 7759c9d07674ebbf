package dev.steadfast.internal;

import static dev.steadfast.internal.GroupCommitFixture.append;
import static dev.steadfast.internal.GroupCommitFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steadfast.GroupCommitSettings;
import dev.steadfast.GroupCommitStats;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitStoreTest {
    private GroupCommitFixture f = new GroupCommitFixture(GroupCommitSettings.defaults());

    @AfterEach
    void tearDown() {
        f.close();
    }

    private void use(GroupCommitSettings settings) {
        f.close();
        f = new GroupCommitFixture(settings);
    }

    @Test
    void loneWriterCommitsAtOnceInAGroupOfOne() {
        assertEquals(WriteResult.committed(), f.store.apply(append("a", 0, "x")));

        assertEquals(List.of(1), f.gated.callSizes());
        assertEquals(new GroupCommitStats(1, 1, 1), f.store.stats());
        assertEquals(1, f.store.journalHead(StreamId.of("a")));
    }

    @Test
    void writersArrivingDuringACommitShareTheNextStoreCall() throws Exception {
        CompletableFuture<WriteResult> leader = f.holdLeader();
        List<CompletableFuture<WriteResult>> followers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            followers.add(f.write(append("s" + i, 0, "p" + i)));
        }
        f.awaitQueued(10);
        f.gated.openGate();

        assertEquals(WriteResult.committed(), await(leader));
        for (CompletableFuture<WriteResult> follower : followers) {
            assertEquals(WriteResult.committed(), await(follower));
        }
        assertEquals(List.of(1, 10), f.gated.callSizes());
        GroupCommitStats stats = f.store.stats();
        assertEquals(new GroupCommitStats(2, 11, 10), stats);
        assertEquals(5.5, stats.meanGroupSize());
    }

    @Test
    void aGroupNeverExceedsMaxBatches() throws Exception {
        use(GroupCommitSettings.defaults().withMaxBatches(4));
        CompletableFuture<WriteResult> leader = f.holdLeader();
        List<CompletableFuture<WriteResult>> followers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            followers.add(f.write(append("s" + i, 0, "p")));
        }
        f.awaitQueued(10);
        f.gated.openGate();

        await(leader);
        for (CompletableFuture<WriteResult> follower : followers) {
            assertEquals(WriteResult.committed(), await(follower));
        }
        assertEquals(List.of(1, 4, 4, 2), f.gated.callSizes());
    }

    @Test
    void aGroupNeverExceedsMaxBytesButAnOversizedWriterStillCommitsAlone() throws Exception {
        use(GroupCommitSettings.defaults().withMaxBytes(100));
        CompletableFuture<WriteResult> leader = f.holdLeader();
        List<CompletableFuture<WriteResult>> followers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            followers.add(f.write(append("s" + i, 0, "x".repeat(40))));
            f.awaitQueued(i + 1);
        }
        followers.add(f.write(append("big", 0, "y".repeat(150))));
        f.awaitQueued(6);
        f.gated.openGate();

        await(leader);
        for (CompletableFuture<WriteResult> follower : followers) {
            assertEquals(WriteResult.committed(), await(follower));
        }
        assertEquals(List.of(1, 2, 2, 1, 1), f.gated.callSizes());
    }

    @Test
    void aCallersApplyAllIsOneUnitThatIsNeverSplit() {
        use(GroupCommitSettings.defaults().withMaxBatches(2));
        List<WriteBatch> batches = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batches.add(append("s" + i, 0, "p"));
        }

        List<WriteResult> results = f.store.applyAll(batches);

        assertEquals(5, results.size());
        results.forEach(r -> assertEquals(WriteResult.committed(), r));
        assertEquals(List.of(5), f.gated.callSizes());
    }

    @Test
    void eachCallerGetsExactlyItsOwnSliceOfTheGroupsResults() throws Exception {
        CompletableFuture<WriteResult> leader = f.holdLeader();
        CompletableFuture<WriteResult> first = f.write(append("one", 0, "1"));
        f.awaitQueued(1);
        CompletableFuture<List<WriteResult>> all = f.writeAll(List.of(
                append("two", 0, "2"), append("three", 7, "3"), append("four", 0, "4")));
        f.awaitQueued(4);
        CompletableFuture<WriteResult> last = f.write(append("five", 3, "5"));
        f.awaitQueued(5);
        f.gated.openGate();

        await(leader);
        assertEquals(WriteResult.committed(), await(first));
        assertEquals(List.of(WriteResult.committed(), new SequenceConflict(StreamId.of("three"), 7, 0),
                WriteResult.committed()), await(all));
        assertEquals(new SequenceConflict(StreamId.of("five"), 3, 0), await(last));
        assertEquals(List.of(1, 5), f.gated.callSizes());
    }

    @Test
    void readsPassStraightThroughWhileACommitIsHeld() throws Exception {
        f.store.apply(append("r", 0, "x"));
        CompletableFuture<WriteResult> leader = f.holdLeader();

        assertEquals(1, f.store.journalHead(StreamId.of("r")));
        assertEquals(1, f.store.readJournal(StreamId.of("r"), 1).count());

        f.gated.openGate();
        assertEquals(WriteResult.committed(), await(leader));
    }

    @Test
    void disabledGroupCommitCallsTheStoreOncePerApply() {
        use(GroupCommitSettings.disabled());
        f.store.apply(append("a", 0, "1"));
        f.store.apply(append("a", 1, "2"));
        f.store.applyAll(List.of(append("b", 0, "1"), append("c", 0, "1")));

        assertEquals(List.of(1, 1, 2), f.gated.callSizes());
        assertEquals(new GroupCommitStats(3, 4, 2), f.store.stats());
    }

    @Test
    void emptyApplyAllReturnsNoResultsWithoutCallingTheStore() {
        assertEquals(List.of(), f.store.applyAll(List.of()));
        assertEquals(List.of(), f.gated.callSizes());
    }

    @Test
    void aLingeringLeaderWaitsForWritersAndStartsAsSoonAsTheGroupIsFull() throws Exception {
        use(GroupCommitSettings.defaults().withMaxBatches(3).withMaxLinger(java.time.Duration.ofSeconds(1)));
        List<CompletableFuture<WriteResult>> writers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            writers.add(f.write(append("s" + i, 0, "p")));
        }
        for (CompletableFuture<WriteResult> writer : writers) {
            assertEquals(WriteResult.committed(), await(writer));
        }
        assertEquals(List.of(3), f.gated.callSizes());
    }

    @Test
    void closingEndsALingerAtOnce() throws Exception {
        use(GroupCommitSettings.defaults().withMaxLinger(java.time.Duration.ofSeconds(1)));
        CompletableFuture<WriteResult> lone = f.write(append("s", 0, "p"));
        f.awaitQueued(1);
        f.store.close();

        Throwable failure = assertThrows(java.util.concurrent.ExecutionException.class, () -> await(lone)).getCause();
        assertEquals(dev.steadfast.spi.StoreClosedException.class, failure.getClass());
        assertEquals(List.of(), f.gated.callSizes());
    }

    @Test
    void settingsRejectBoundsBelowOneAndLongLingers() {
        assertThrows(IllegalArgumentException.class, () -> GroupCommitSettings.defaults().withMaxBatches(0));
        assertThrows(IllegalArgumentException.class, () -> GroupCommitSettings.defaults().withMaxBytes(0));
        assertThrows(IllegalArgumentException.class,
                () -> GroupCommitSettings.defaults().withMaxLinger(java.time.Duration.ofSeconds(2)));
    }
}
