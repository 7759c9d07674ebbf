package dev.steadfast.internal;

import dev.steadfast.FixtureStore;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StoreIOException;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.tck.ForwardingStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A store that writes a call's batches one by one, as the SPI's default {@code applyAll} does, and fails a call
 * part-way when told to: the batches before the failing position are then in the store, the rest are not. It
 * refuses appends to streams named {@code poison...} with {@link IllegalArgumentException}, either up front
 * (and then declares {@link StoreDescriptor#validatesBeforeWriting()}) or only when it reaches the batch.
 */
final class FaultInjectingStore extends ForwardingStore {
    /** What a failing call throws. */
    enum Fault {
        ERROR, RUNTIME, STORE, LATE_REFUSAL;

        Throwable make() {
            return switch (this) {
                case ERROR -> new InjectedError();
                case RUNTIME -> new IllegalStateException("injected backend bug");
                case STORE -> new StoreIOException("injected: disk unplugged");
                case LATE_REFUSAL -> new IllegalArgumentException("injected: a batch this store refuses late");
            };
        }
    }

    /** Fails a call with {@code fault} just before writing batch {@code at} (after the last one if beyond). */
    record Injection(Fault fault, int at) {
    }

    /** A JVM error of a buggy backend; a subclass so no test mistakes a real one for it. */
    static final class InjectedError extends Error {
        InjectedError() {
            super("injected error");
        }
    }

    final FixtureStore inner;
    private final boolean validatesFirst;
    private final IntFunction<Injection> injector;

    /**
     * @param validatesFirst whether poison batches are refused before anything of the call is written
     * @param injector       given a call's batch count, the fault to inject into it, or null; called once per call
     */
    FaultInjectingStore(boolean validatesFirst, IntFunction<Injection> injector) {
        this(new FixtureStore("faulty"), validatesFirst, injector);
    }

    private FaultInjectingStore(FixtureStore inner, boolean validatesFirst, IntFunction<Injection> injector) {
        super(inner);
        this.inner = inner;
        this.validatesFirst = validatesFirst;
        this.injector = injector;
    }

    @Override
    public StoreDescriptor descriptor() {
        return super.descriptor().withValidatesBeforeWriting(validatesFirst);
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
        Injection injection = injector.apply(batches.size());
        if (validatesFirst) {
            batches.forEach(FaultInjectingStore::refusePoison);
        }
        List<WriteResult> results = new ArrayList<>(batches.size());
        for (int i = 0; i < batches.size(); i++) {
            if (injection != null && injection.at() == i) {
                throwUnchecked(injection.fault().make());
            }
            refusePoison(batches.get(i));
            results.add(inner.apply(batches.get(i)));
        }
        if (injection != null && injection.at() >= batches.size()) {
            throwUnchecked(injection.fault().make());
        }
        return results;
    }

    private static void refusePoison(WriteBatch batch) {
        for (WriteOp op : batch.operations()) {
            if (op instanceof WriteOp.Append a && a.stream().value().startsWith("poison")) {
                throw new IllegalArgumentException("appends to " + a.stream() + " are refused by this store");
            }
        }
    }

    private static void throwUnchecked(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        throw (RuntimeException) t;
    }
}
