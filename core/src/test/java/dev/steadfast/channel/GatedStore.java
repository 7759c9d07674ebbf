package dev.steadfast.channel;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.tck.ForwardingStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Once armed, holds the next store write until released, so a test can queue steps behind it. */
final class GatedStore extends ForwardingStore {
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final List<Integer> callSizes = new CopyOnWriteArrayList<>();
    private volatile boolean armed;

    GatedStore(Store delegate) {
        super(delegate);
    }

    void arm() {
        armed = true;
    }

    /** Waits (bounded) until a write is held at the gate. */
    void awaitHeld() throws InterruptedException {
        if (!entered.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("no write reached the gate within 60 s");
        }
    }

    void release() {
        released.countDown();
    }

    /** Batches per write call, counted from arming. */
    List<Integer> callSizes() {
        return List.copyOf(callSizes);
    }

    @Override
    public WriteResult apply(WriteBatch batch) {
        gate(1);
        return super.apply(batch);
    }

    @Override
    public List<WriteResult> applyAll(List<WriteBatch> batches) {
        gate(batches.size());
        return super.applyAll(batches);
    }

    private void gate(int size) {
        if (!armed) {
            return;
        }
        callSizes.add(size);
        if (entered.getCount() > 0) {
            entered.countDown();
            try {
                if (!released.await(60, TimeUnit.SECONDS)) {
                    throw new AssertionError("gate never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
