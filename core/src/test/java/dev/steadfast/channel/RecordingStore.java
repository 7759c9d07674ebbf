package dev.steadfast.channel;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreIOException;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.tck.ForwardingStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Remembers every batch and every store call, and fails the calls carrying a batch a test picks with an I/O error
 * before anything reaches the delegate.
 */
final class RecordingStore extends ForwardingStore {
    private final List<WriteBatch> batches = new CopyOnWriteArrayList<>();
    private final List<Integer> callSizes = new CopyOnWriteArrayList<>();
    private volatile Predicate<WriteBatch> failing = b -> false;

    RecordingStore(Store delegate) {
        super(delegate);
    }

    /** From now on, a call carrying a batch that matches fails, writing nothing. */
    void failWhen(Predicate<WriteBatch> which) {
        failing = which;
    }

    @Override
    public WriteResult apply(WriteBatch batch) {
        record(List.of(batch));
        return super.apply(batch);
    }

    @Override
    public List<WriteResult> applyAll(List<WriteBatch> all) {
        record(all);
        return super.applyAll(all);
    }

    private void record(List<WriteBatch> all) {
        if (all.stream().anyMatch(failing)) {
            throw new StoreIOException("injected: disk unplugged before " + all.size() + " batches were written");
        }
        batches.addAll(all);
        callSizes.add(all.size());
    }

    /** Batches that reached the delegate, in order. */
    List<WriteBatch> batches() {
        return new ArrayList<>(batches);
    }

    /** How many batches each store call carried. */
    List<Integer> callSizes() {
        return new ArrayList<>(callSizes);
    }

    void reset() {
        batches.clear();
        callSizes.clear();
    }
}
