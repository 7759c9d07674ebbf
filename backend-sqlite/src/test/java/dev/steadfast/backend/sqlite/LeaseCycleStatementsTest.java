package dev.steadfast.backend.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.jdbc.JdbcStores;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an uncontended lease cycle costs SQLite and H2, counted: the two batches {@code Leases} writes when nobody
 * waits (acquire: the lease's fence replaced exactly, guarded by the queue's counter fence; release: the fence
 * replaced exactly) are one statement each on SQLite, with no BEGIN, read or COMMIT around them; on H2 the release
 * is one statement and the acquire keeps its transaction (H2 cannot lock the guard's row inside the UPDATE). When
 * the guard or the fence has moved, the one statement writes nothing and the result is the conflict the
 * transactional path reports.
 */
class LeaseCycleStatementsTest {
    private static final String LEASE = "job";
    private static final String COUNTER = "steadfast.lease-queue/job";

    private record Counted(Store store, CountingConnections source) {
    }

    private static Counted sqlite(Path dir) {
        CountingConnections source = CountingConnections.to("jdbc:sqlite:" + dir.resolve("store.db"),
                "PRAGMA synchronous = FULL");
        return new Counted(JdbcStores.open(new SqliteDialect(), source,
                new StoreDescriptor("sqlite", dir.toString(), true, true, false, 1 << 20)), source);
    }

    private static Counted h2(Path dir) {
        CountingConnections source = CountingConnections.to("jdbc:h2:file:" + dir.resolve("store")
                + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000", null);
        return new Counted(JdbcStores.open(new H2Dialect(), source,
                new StoreDescriptor("h2", dir.toString(), false, false, false, 1 << 20)), source);
    }

    private static Fence lease(String owner, long epoch, long until) {
        return new Fence(LEASE, owner, epoch, "token-" + owner + "-" + epoch, until);
    }

    private static WriteBatch acquire(Fence released, Fence next, long counterEpoch) {
        return WriteBatch.builder().guardFence(COUNTER, counterEpoch)
                .op(WriteOp.SetFence.replacing(released, next)).build();
    }

    private static WriteBatch release(Fence held) {
        return WriteBatch.of(WriteOp.SetFence.replacing(held, lease(held.owner(), held.epoch(), 0)));
    }

    /**
     * [executions, commits] of three acquire+release cycles after a first one (which may create what the later ones
     * find: H2's placeholder row for the counter), asserting each committed.
     */
    private static int[] threeCycles(Counted c) {
        Fence released = lease("a", 1, 0);
        assertTrue(c.store().apply(WriteBatch.builder().setFence(released, 0).build()).isCommitted());
        for (long epoch = 2; epoch <= 5; epoch++) {
            if (epoch == 3) {
                c.source().reset();
            }
            Fence held = lease("a", epoch, 10_000 + epoch);
            assertTrue(c.store().apply(acquire(released, held, 0)).isCommitted(), "acquire at epoch " + epoch);
            assertTrue(c.store().apply(release(held)).isCommitted(), "release at epoch " + epoch);
            released = lease("a", epoch, 0);
        }
        assertEquals(Optional.of(released), c.store().readFence(LEASE));
        // readFence above reads on a read connection, which CountingConnections does not count
        return new int[] {c.source().executions.get(), c.source().commits.get()};
    }

    @Test
    void sqliteAcquireAndReleaseAreOneStatementEachWithoutBeginOrCommit(@TempDir Path dir) {
        Counted c = sqlite(dir);
        try (Store store = c.store()) {
            int[] cost = threeCycles(c);
            assertEquals(6, cost[0], "statements in three cycles (was 21: BEGIN, guard read, UPDATE, COMMIT and"
                    + " BEGIN, UPDATE, COMMIT)");
            assertEquals(0, cost[1], "commit calls in three cycles");
        }
    }

    @Test
    void h2ReleaseIsOneStatementAndAcquireOneTransaction(@TempDir Path dir) {
        Counted c = h2(dir);
        try (Store store = c.store()) {
            int[] cost = threeCycles(c);
            assertEquals(9, cost[0], "statements in three cycles: guard read and UPDATE, then UPDATE");
            assertEquals(3, cost[1], "commits in three cycles: the acquires' only (was 6)");
        }
    }

    @Test
    void sqliteGuardedFenceChangeWritesNothingWhenTheCounterOrTheFenceMoved(@TempDir Path dir) {
        assertConflictsLikeTheTransactionalPath(sqlite(dir));
    }

    @Test
    void h2GuardedFenceChangeWritesNothingWhenTheCounterOrTheFenceMoved(@TempDir Path dir) {
        assertConflictsLikeTheTransactionalPath(h2(dir));
    }

    private static void assertConflictsLikeTheTransactionalPath(Counted c) {
        try (Store store = c.store()) {
            Fence released = lease("a", 1, 0);
            assertTrue(store.apply(WriteBatch.builder().setFence(released, 0).build()).isCommitted());
            assertTrue(store.apply(WriteBatch.builder().setFence(new Fence(COUNTER, "b", 1, "", 50), 0).build())
                    .isCommitted());
            assertEquals(new FencedOut(COUNTER, 0, 1, "b"), store.apply(acquire(released, lease("a", 2, 99), 0)));
            assertEquals(Optional.of(released), store.readFence(LEASE));

            assertEquals(new FencedOut(LEASE, 1, 1, "a"), store.apply(acquire(lease("a", 1, 7), lease("a", 2, 99), 1)));
            assertEquals(new FencedOut(LEASE, 2, 1, "a"), store.apply(acquire(lease("a", 2, 0), lease("a", 3, 99), 1)));
            assertEquals(Optional.of(released), store.readFence(LEASE));

            assertTrue(store.apply(acquire(released, lease("b", 2, 99), 1)).isCommitted());
            assertEquals(Optional.of(lease("b", 2, 99)), store.readFence(LEASE));
        }
    }
}
