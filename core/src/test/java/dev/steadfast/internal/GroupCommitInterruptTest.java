package dev.steadfast.internal;

import static dev.steadfast.internal.GroupCommitFixture.TIMEOUT_SECONDS;
import static dev.steadfast.internal.GroupCommitFixture.append;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.GroupCommitSettings;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A leader commits other writers' batches, so its own interrupt must not reach the store call: on backends whose
 * files are interruptible channels (H2, encrypted-file) it would fail the whole group and leave the store closed
 * or refusing every later write.
 */
class GroupCommitInterruptTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void anInterruptedLeaderCommitsItsGroupKeepsItsInterruptAndLeavesTheStoreWritable(Backend backend,
                                                                                     @TempDir Path dir)
            throws Exception {
        try (Store store = backend.open(dir)) {
            GroupCommitter committer = new GroupCommitter(store, GroupCommitSettings.defaults(),
                    new GroupCommitMetrics());
            // Another writer's batch waits in the queue (its thread paused between queueing and waiting), so the
            // interrupted thread's group holds both.
            PendingWrite other = committer.enqueue(List.of(append("other", 0, "o")), 1);
            AtomicReference<List<WriteResult>> leaderResult = new AtomicReference<>();
            AtomicReference<Throwable> leaderFault = new AtomicReference<>();
            AtomicBoolean stillInterrupted = new AtomicBoolean();
            Thread leader = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    leaderResult.set(committer.submit(List.of(append("leader", 0, "l")), 1));
                } catch (Throwable e) {
                    leaderFault.set(e);
                }
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
            leader.start();
            leader.join(TIMEOUT_SECONDS * 1000);
            assertFalse(leader.isAlive(), "the interrupted leader never returned");

            assertEquals(null, leaderFault.get());
            assertEquals(List.of(WriteResult.committed()), leaderResult.get());
            assertTrue(stillInterrupted.get(), "the leader's interrupt is kept for its caller");
            assertTrue(other.isDone(), "the leader's group held the other writer's batch");
            assertEquals(List.of(WriteResult.committed()), committer.await(other));
            assertEquals(1, store.journalHead(StreamId.of("other")));
            assertEquals(WriteResult.committed(), committer.submit(List.of(append("after", 0, "a")), 1).get(0));
            assertEquals(1, store.journalHead(StreamId.of("after")));
            committer.close();
        }
    }
}
