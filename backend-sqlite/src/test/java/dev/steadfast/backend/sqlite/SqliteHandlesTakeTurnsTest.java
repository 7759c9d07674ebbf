package dev.steadfast.backend.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stores opened on one SQLite file in one process take turns on one writer lock ({@link WriterLocks}) instead
 * of meeting in SQLite's busy handler. There, a handle whose threads wrote back to back starved the other one's
 * writer past its busy timeout under load, and the TCK's two-handle takeover race failed with {@code SQLITE_BUSY}.
 * The handles here have {@code busyTimeoutMs=0}: any meeting in the busy handler fails at once.
 */
class SqliteHandlesTakeTurnsTest {
    private static final String NO_WAIT = "?busyTimeoutMs=0";
    /** A thread per task: the common pool may have one worker on a small machine, and these tasks block. */
    private static final Executor OWN_THREAD = task -> new Thread(task).start();

    @TempDir
    Path dir;

    @Test
    void aWriteThroughTheOtherHandleWaitsForAnOpenWriteTransactionAndCommitsAfterIt() throws Exception {
        Path file = dir.resolve("two.db");
        List<PausedCommit> sources = new ArrayList<>();
        try (Store first = open(file, NO_WAIT, s -> add(sources, new PausedCommit(s)));
             Store second = open(file, NO_WAIT, UnaryOperator.identity())) {
            PausedCommit paused = sources.get(0);
            paused.arm();
            try {
                bothWrite(file, first, second, paused);
            } finally {
                paused.resume(); // a failed check must not leave the first store's close waiting for the commit
            }
        }
    }

    @Test
    void aStoreKeepsItsLockThroughACollectionSoAStoreOpenedLaterSharesIt() throws Exception {
        Path file = dir.resolve("collected.db");
        List<PausedCommit> sources = new ArrayList<>();
        try (Store first = open(file, NO_WAIT, s -> add(sources, new PausedCommit(s)))) {
            // Only the first store holds the file's lock now; the registry holds it weakly.
            WeakReference<Object> canary = new WeakReference<>(new Object());
            for (int i = 0; i < 100 && canary.get() != null; i++) {
                System.gc();
            }
            assertNull(canary.get(), "a collection ran between the two opens");
            try (Store second = open(file, NO_WAIT, UnaryOperator.identity())) {
                PausedCommit paused = sources.get(0);
                paused.arm();
                try {
                    bothWrite(file, first, second, paused);
                } finally {
                    paused.resume();
                }
            }
        }
    }

    private static void bothWrite(Path file, Store first, Store second, PausedCommit paused) throws Exception {
        CompletableFuture<WriteResult> held = CompletableFuture.supplyAsync(() -> first.apply(
                WriteBatch.builder().append(StreamId.of("a"), 0, bytes("first")).build()), OWN_THREAD);
        assertTrue(paused.reached.await(30, TimeUnit.SECONDS), "the first handle's write reached its COMMIT");

        CompletableFuture<WriteResult> waiting = CompletableFuture.supplyAsync(() -> second.apply(
                WriteBatch.builder().append(StreamId.of("b"), 0, bytes("second")).build()), OWN_THREAD);
        ReentrantLock shared = (ReentrantLock) WriterLocks.of(file);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!waiting.isDone() && !shared.hasQueuedThreads() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        // Without the shared lock the second write met SQLite's lock and failed at once with SQLITE_BUSY.
        assertTrue(!waiting.isDone() && shared.hasQueuedThreads(), "the second write queues behind the first");

        paused.resume();
        assertTrue(held.get(30, TimeUnit.SECONDS).isCommitted());
        assertTrue(waiting.get(30, TimeUnit.SECONDS).isCommitted());
        assertEquals(1, second.journalHead(StreamId.of("a")));
        assertEquals(1, first.journalHead(StreamId.of("b")));
    }

    @Test
    void takeoversRacingThroughTwoHandlesNeverMeetInTheBusyHandler() throws Exception {
        Path file = dir.resolve("race.db");
        try (Store first = open(file, NO_WAIT, UnaryOperator.identity());
             Store second = open(file, NO_WAIT, UnaryOperator.identity())) {
            TakeoverRace.run(new Store[] {first, second, first, second}, 40);
        }
    }

    @Test
    void twoSpellingsOfOneFileShareTheLockAndAnotherFileHasItsOwn() throws Exception {
        Path file = dir.resolve("a.db");
        Files.createDirectory(dir.resolve("sub"));
        Path roundabout = dir.resolve("sub").resolve("..").resolve("a.db");
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir);
        assertSame(WriterLocks.of(file), WriterLocks.of(roundabout));
        assertSame(WriterLocks.of(file), WriterLocks.of(link.resolve("a.db")));
        assertNotSame(WriterLocks.of(file), WriterLocks.of(dir.resolve("b.db")));
    }

    private static PausedCommit add(List<PausedCommit> to, PausedCommit source) {
        to.add(source);
        return source;
    }

    private static Store open(Path file, String options, UnaryOperator<dev.steadfast.jdbc.ConnectionSource> around) {
        return new SqliteStoreProvider().open(StoreSpec.parse("sqlite:" + file + options), around);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
