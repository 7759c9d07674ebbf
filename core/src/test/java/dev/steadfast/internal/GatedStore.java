package dev.steadfast.internal;

import dev.steadfast.FixtureStore;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.tck.ForwardingStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A forwarding store that makes group commit observable and faults real: it records the size of every write call,
 * can hold write calls at a gate (so writers pile up behind a commit in flight without any sleep), can fail the
 * next write call, and refuses batches that append to a "poison" stream the way a stricter backend would.
 */
final class GatedStore extends ForwardingStore {
    final FixtureStore inner;
    /** Released once per write call as it enters, before the gate. */
    final Semaphore entered = new Semaphore(0);
    final List<Integer> callSizes = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile int failingCall = -1;
    private volatile CountDownLatch gate;
    private volatile StreamId poison;

    GatedStore() {
        this(new FixtureStore("gated"));
    }

    private GatedStore(FixtureStore inner) {
        super(inner);
        this.inner = inner;
    }

    /** Checks every batch of a call (the poison stream) before it writes any, so it says so. */
    @Override
    public StoreDescriptor descriptor() {
        return super.descriptor().withValidatesBeforeWriting(true);
    }

    void closeGate() {
        gate = new CountDownLatch(1);
    }

    void openGate() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    /** Makes write call number {@code index} (0 = the first) throw {@code e} once its gate opens. */
    void failWriteCall(int index, RuntimeException e) {
        failure.set(e);
        failingCall = index;
    }

    void refuseAppendsTo(StreamId stream) {
        poison = stream;
    }

    List<Integer> callSizes() {
        synchronized (callSizes) {
            return List.copyOf(callSizes);
        }
    }

    @Override
    public WriteResult apply(WriteBatch batch) {
        return write(List.of(batch)).get(0);
    }

    @Override
    public List<WriteResult> applyAll(List<WriteBatch> batches) {
        return write(batches);
    }

    private List<WriteResult> write(List<WriteBatch> batches) {
        int index;
        synchronized (callSizes) {
            index = callSizes.size();
            callSizes.add(batches.size());
        }
        entered.release();
        CountDownLatch g = gate;
        if (g != null) {
            try {
                if (!g.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        if (index == failingCall) {
            throw failure.get();
        }
        for (WriteBatch b : batches) {
            for (WriteOp op : b.operations()) {
                if (op instanceof WriteOp.Append a && a.stream().equals(poison)) {
                    throw new IllegalArgumentException("stream " + poison + " is refused by this store");
                }
            }
        }
        List<WriteResult> results = new ArrayList<>();
        for (WriteBatch b : batches) {
            results.add(inner.apply(b));
        }
        return results;
    }
}
