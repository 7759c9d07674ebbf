package dev.steadfast.backend.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.jdbc.ConnectionSource;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stores opened on one H2 file in one process (two {@code Steadfast.open} of one {@code h2:} URI): a guarded
 * write under epoch e never commits after a takeover to e+1 has, and one epoch never has two owners.
 *
 * <p>Why it holds: every store of the database queues its writes on one lock ({@link WriterLocks}), so the two
 * stores' transactions never overlap; a write that arrives while a takeover is open waits for its commit, then reads
 * its guard (or runs its compare-and-set) on the committed fence and is {@code FencedOut}. The held-takeover tests
 * stop a takeover at its commit, start the stale write, let the takeover go once the write is queued behind it, and
 * check that the write was refused and wrote nothing: a guarded append, a group of them (whose guards are read in
 * one {@code FOR UPDATE}), a fence compare-and-set, and a fence change guarded by the taken-over fence.
 *
 * <p>Before the shared lock each store had its own, and the stores met in H2's row locks (guards read
 * {@code FOR UPDATE}, compare-and-set as {@code UPDATE ... WHERE epoch = ?}). The held-takeover interleavings held
 * there too (H2 2.5 waits for the lock, then reads the committed row), but the race below did not: in about one
 * run in ten, and in some runs at once, two racers' auto-committed compare-and-sets both moved the fence from the
 * same epoch. Replayed on raw JDBC connections (two writers, H2 2.5.252), the lost update needs the other
 * connection's guard transaction to read the fence {@code FOR UPDATE} and then write other rows (the head and the
 * entry) before it commits: 3 of 10 runs of 240 takeovers gave an epoch two winners that way, 0 of 10 when the
 * guard transaction only locked the fence and committed, 0 with compare-and-sets alone. The shared lock takes the
 * stores out of that race altogether.
 */
class H2TwoStoresFencingTest {
    private static final String FENCE = "f";
    private static final StreamId LOG = StreamId.of("log");
    /** The stale write waits on a row lock for as long as the test needs, not H2's default 5 s. */
    private static final String LONG_LOCK_WAIT = "?busyTimeoutMs=60000";
    /** A thread per task: the common pool may have one worker on a small machine, and these tasks block. */
    private static final Executor OWN_THREAD = task -> new Thread(task).start();

    @TempDir
    Path dir;
    private Path base;

    @BeforeEach
    void base() {
        base = dir.resolve("two");
    }

    @Test
    void aGuardedAppendWaitingOnATakeoverIsFencedOutOnceTheTakeoverCommits() throws Exception {
        WriteResult stale = againstHeldTakeover(s -> () -> s.apply(
                WriteBatch.builder().guardFence(FENCE, 1).append(LOG, 0, bytes("stale")).build()));
        assertEquals(new FencedOut(FENCE, 1, 2, "b"), stale);
    }

    @Test
    void guardedAppendsOfAGroupWaitingOnATakeoverAreFencedOutOnceItCommits() throws Exception {
        List<WriteResult> stale = againstHeldTakeover(s -> () -> s.applyAll(List.of(
                WriteBatch.builder().guardFence(FENCE, 1).append(LOG, 0, bytes("stale 1")).build(),
                WriteBatch.builder().guardFence(FENCE, 1).append(StreamId.of("other"), 0, bytes("stale 2")).build())));
        assertEquals(List.of(new FencedOut(FENCE, 1, 2, "b"), new FencedOut(FENCE, 1, 2, "b")), stale);
    }

    @Test
    void aFenceCompareAndSetWaitingOnATakeoverFindsTheNewEpochOnceItCommits() throws Exception {
        WriteResult stale = againstHeldTakeover(s -> () -> s.apply(
                WriteBatch.builder().setFence(new Fence(FENCE, "c", 2, "", 0), 1).build()));
        assertEquals(new FencedOut(FENCE, 1, 2, "b"), stale);
    }

    @Test
    void aGuardedFenceChangeWaitingOnATakeoverOfItsGuardIsFencedOutOnceItCommits() throws Exception {
        WriteResult stale = againstHeldTakeover(s -> () -> s.apply(WriteBatch.builder().guardFence(FENCE, 1)
                .setFence(new Fence("lease", "a", 1, "", 0), 0).build()));
        assertEquals(new FencedOut(FENCE, 1, 2, "b"), stale);
        assertEquals(Optional.empty(), open(UnaryOperator.identity()).readFence("lease"));
    }

    @Test
    void guardedWritesRacingTakeoversThroughTwoStoresNeverLandUnderAStaleEpoch() throws Exception {
        try (Store first = open(UnaryOperator.identity()); Store second = open(UnaryOperator.identity())) {
            TakeoverRace.run(new Store[] {first, second, first, second}, 60);
        }
    }

    /**
     * Fence {@code f} at epoch 1 (owner a); store "taker" moves it to epoch 2 (owner b) and stops at its commit;
     * the write {@code staleWrite} builds runs through the other store, and the takeover commits once H2 shows that
     * write waiting for its lock. Returns what the stale write returned, after checking that it wrote nothing.
     */
    private <T> T againstHeldTakeover(java.util.function.Function<Store, Supplier<T>> staleWrite) throws Exception {
        PausedCommit[] paused = new PausedCommit[1];
        try (Store taker = open(s -> paused[0] = new PausedCommit(s)); Store other = open(UnaryOperator.identity())) {
            assertTrue(other.apply(WriteBatch.builder().setFence(new Fence(FENCE, "a", 1, "", 0), 0).build())
                    .isCommitted());
            paused[0].arm();
            try {
                // Two operations, so the takeover is a transaction with a commit to hold, not one auto-commit UPDATE.
                CompletableFuture<WriteResult> takeover = CompletableFuture.supplyAsync(() -> taker.apply(
                        WriteBatch.builder().setFence(new Fence(FENCE, "b", 2, "", 0), 1)
                                .append(StreamId.of("takeovers"), 0, bytes("b")).build()), OWN_THREAD);
                assertTrue(paused[0].reached.await(30, TimeUnit.SECONDS), "the takeover reached its commit");
                CompletableFuture<T> stale = CompletableFuture.supplyAsync(staleWrite.apply(other), OWN_THREAD);
                awaitQueuedBehindTheTakeover(stale);
                paused[0].resume();
                assertTrue(takeover.get(30, TimeUnit.SECONDS).isCommitted());
                T result = stale.get(30, TimeUnit.SECONDS);
                assertEquals(0, other.journalHead(LOG), "the stale write appended nothing");
                assertEquals("b", other.readFence(FENCE).orElseThrow().owner());
                assertEquals(2, other.readFence(FENCE).orElseThrow().epoch());
                return result;
            } finally {
                paused[0].resume();
            }
        }
    }

    /** Until the write waits for the takeover, queued on the stores' shared writer lock. */
    private void awaitQueuedBehindTheTakeover(CompletableFuture<?> write) {
        ReentrantLock shared = (ReentrantLock) WriterLocks.ofH2(Path.of(base.toAbsolutePath() + ".mv.db"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!write.isDone() && !shared.hasQueuedThreads() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(!write.isDone(), () -> "the write finished while the takeover was uncommitted: " + write.join());
        assertTrue(shared.hasQueuedThreads(), "the write queues behind the takeover on the database's writer lock");
    }

    private Store open(UnaryOperator<ConnectionSource> around) {
        return new H2StoreProvider().open(StoreSpec.parse("h2:" + base + LONG_LOCK_WAIT), around);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
