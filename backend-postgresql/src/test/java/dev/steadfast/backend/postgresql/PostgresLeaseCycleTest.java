package dev.steadfast.backend.postgresql;

import static dev.steadfast.backend.postgresql.PostgresGuardedAppendTest.otherWriter;
import static dev.steadfast.backend.postgresql.PostgresGuardedAppendTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.sql.Connection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An uncontended lease cycle on PostgreSQL, counted: the acquire {@code Leases} writes when nobody waits (the
 * lease's fence replaced exactly, guarded by the queue's counter fence) and the release are one auto-committed
 * statement each, the counter's row read {@code FOR UPDATE} inside the acquire's statement; so a contender queueing
 * meanwhile either waits for the acquire to commit or makes it write nothing, as the transactional path did.
 */
class PostgresLeaseCycleTest {
    private static final String LEASE = "job";
    private static final String COUNTER = "steadfast.lease-queue/job";

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

    private static WriteBatch bumpCounter(long from) {
        return WriteBatch.builder().setFence(new Fence(COUNTER, "b", from + 1, "", 50), from).build();
    }

    /** A released lease at epoch 1 and a first cycle, which creates the counter's placeholder row. */
    private static Fence prepared(Store store) {
        assertTrue(store.apply(WriteBatch.builder().setFence(lease("a", 1, 0), 0).build()).isCommitted());
        assertTrue(store.apply(acquire(lease("a", 1, 0), lease("a", 2, 99), 0)).isCommitted());
        assertTrue(store.apply(release(lease("a", 2, 99))).isCommitted());
        return lease("a", 2, 0);
    }

    @Test
    void acquireAndReleaseAreOneStatementEachWithoutACommitCall() {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl(PostgresServer.shared().jdbcUrl(PostgresServer.DATABASE));
        CountingDataSource counting = new CountingDataSource(pg);
        try (Store store = PostgresStoreProvider.open(counting.dataSource, PgStores.freshSchema("lease"))) {
            Fence released = prepared(store);
            counting.reset();
            for (long epoch = 3; epoch <= 5; epoch++) {
                Fence held = lease("a", epoch, 10_000 + epoch);
                assertTrue(store.apply(acquire(released, held, 0)).isCommitted(), "acquire at epoch " + epoch);
                assertTrue(store.apply(release(held)).isCommitted(), "release at epoch " + epoch);
                released = lease("a", epoch, 0);
            }
            assertEquals(6, counting.executions.get(), "statements in three cycles (the acquire was 2 and a commit)");
            assertEquals(0, counting.commits.get(), "commit calls in three cycles");
            assertEquals(Optional.of(released), store.readFence(LEASE));
        }
    }

    @Test
    void acquireUnderAMovedCounterOrFenceWritesNothingAndSaysWhy() {
        try (Store store = PgStores.open(PgStores.freshSchema("lease"))) {
            Fence released = prepared(store);
            assertTrue(store.apply(bumpCounter(0)).isCommitted());
            assertEquals(new FencedOut(COUNTER, 0, 1, "b"), store.apply(acquire(released, lease("a", 3, 99), 0)));
            assertEquals(new FencedOut(LEASE, 2, 2, "a"), store.apply(acquire(lease("a", 2, 7), lease("a", 3, 99),
                    1)));
            assertEquals(Optional.of(released), store.readFence(LEASE));
            assertTrue(store.apply(acquire(released, lease("b", 3, 99), 1)).isCommitted());
            assertEquals(Optional.of(lease("b", 3, 99)), store.readFence(LEASE));
        }
    }

    @Test
    void acquireWaitingOnAnUncommittedQueueEntryIsFencedOutAndWritesNothing() throws Exception {
        String schema = PgStores.freshSchema("lease");
        try (Store store = PgStores.open(schema); Connection other = otherWriter(schema)) {
            Fence released = prepared(store);
            run(other, "UPDATE fences SET epoch = 1, owner = 'b' WHERE name = '" + COUNTER + "'");

            CompletableFuture<WriteResult> acquire = CompletableFuture.supplyAsync(() -> store.apply(
                    acquire(released, lease("a", 3, 99), 0)));
            LockWaits.awaitOneWaiter();
            other.commit();

            assertEquals(new FencedOut(COUNTER, 0, 1, "b"), acquire.get(30, TimeUnit.SECONDS));
            assertEquals(Optional.of(released), store.readFence(LEASE));
        }
    }

    @Test
    void queueingWaitsUntilAnAcquireHoldingTheCounterHasCommitted() throws Exception {
        String schema = PgStores.freshSchema("lease");
        try (Store store = PgStores.open(schema); Connection other = otherWriter(schema)) {
            Fence released = prepared(store);
            // holds the lease's row: the acquire locks the counter, then waits on this row
            run(other, "SELECT 1 FROM fences WHERE name = '" + LEASE + "' FOR UPDATE");
            CompletableFuture<WriteResult> acquire = CompletableFuture.supplyAsync(() -> store.apply(
                    acquire(released, lease("a", 3, 99), 0)));
            LockWaits.awaitOneWaiter();
            CompletableFuture<WriteResult> queue = CompletableFuture.supplyAsync(() -> store.apply(bumpCounter(0)));
            LockWaits.awaitWaiters(2);
            assertFalse(queue.isDone(), "queueing went past the counter the acquire had locked");
            other.commit();

            assertTrue(acquire.get(30, TimeUnit.SECONDS).isCommitted());
            assertTrue(queue.get(30, TimeUnit.SECONDS).isCommitted());
            assertEquals(Optional.of(lease("a", 3, 99)), store.readFence(LEASE));
        }
    }
}
