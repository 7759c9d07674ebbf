package dev.steadfast.channel;

import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.util.concurrent.CompletableFuture;

/** Where a channel's step batches go: the store's commit thread, or nowhere for the no-op persistence. */
interface StepSink {
    /** The batch's result once it is durable, or the fault that kept it from being known. */
    CompletableFuture<WriteResult> submit(WriteBatch batch);

    /** Whether the calling thread is the one that completes the futures (waiting on it there would deadlock). */
    boolean isCommitThread();

    /** Accepts every batch at once and stores nothing. */
    StepSink DISCARD = new StepSink() {
        @Override
        public CompletableFuture<WriteResult> submit(WriteBatch batch) {
            return CompletableFuture.completedFuture(WriteResult.committed());
        }

        @Override
        public boolean isCommitThread() {
            return false;
        }
    };
}
