package dev.steadfast.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.steadfast.GroupCommitSettings;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A group-committing store over a {@link GatedStore}, with helpers to pile writers up behind a held commit. */
final class GroupCommitFixture implements AutoCloseable {
    static final long TIMEOUT_SECONDS = 20;

    final GatedStore gated = new GatedStore();
    final GroupCommitStore store;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    GroupCommitFixture(GroupCommitSettings settings) {
        this(settings, Observer.NONE);
    }

    GroupCommitFixture(GroupCommitSettings settings, Observer observer) {
        store = new GroupCommitStore(gated, settings, observer);
    }

    static WriteBatch append(String stream, long head, String payload) {
        return WriteBatch.of(new dev.steadfast.spi.WriteOp.Append(StreamId.of(stream), head,
                List.of(payload.getBytes(StandardCharsets.UTF_8))));
    }

    CompletableFuture<WriteResult> write(WriteBatch batch) {
        return CompletableFuture.supplyAsync(() -> store.apply(batch), pool);
    }

    CompletableFuture<List<WriteResult>> writeAll(List<WriteBatch> batches) {
        return CompletableFuture.supplyAsync(() -> store.applyAll(batches), pool);
    }

    /** Starts a writer whose commit is held inside the store until {@link GatedStore#openGate()}. */
    CompletableFuture<WriteResult> holdLeader() throws InterruptedException {
        gated.closeGate();
        CompletableFuture<WriteResult> leader = write(append("leader", 0, "l"));
        assertTrue(gated.entered.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS), "leader never reached the store");
        return leader;
    }

    /** Waits, by polling with a deadline, until {@code batches} batches are queued behind the held commit. */
    void awaitQueued(int batches) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (store.queuedBatches() < batches) {
            if (System.nanoTime() > deadline) {
                fail("only " + store.queuedBatches() + " of " + batches + " batches queued in time");
            }
            Thread.yield();
        }
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        gated.openGate();
        store.close();
        pool.shutdownNow();
    }
}
