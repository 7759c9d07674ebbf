package dev.steadfast.benchmarks;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.util.function.Supplier;

/**
 * The batches the group-commit benchmarks' writers send: a bare append, or an append guarded by a fence the writer
 * holds, which is what every append of a durable session is. The guarded form measures what fencing costs a group.
 */
public final class WriterBatches {
    /**
     * The JDBC store's internal switch ({@code GroupAppends.SWITCH} in module {@code jdbc}): set to {@code on} while a
     * store opens, that store sends a group of appends to existing heads as one {@code unnest} statement instead of
     * one JDBC batch of one statement per append (the default). Read when the store opens.
     */
    private static final String GROUP_STATEMENT_SWITCH = "steadfast.jdbc.groupAppend";

    /** The epoch {@link #takeFence} grants. */
    static final long EPOCH = 1;

    private WriterBatches() {
    }

    /**
     * Makes the writer of {@code stream} the owner of a fence of the same name at epoch {@link #EPOCH}.
     *
     * @return the fence's name, to pass to {@link #append}
     */
    public static String takeFence(Store store, StreamId stream) {
        String name = stream.value();
        Fence fence = new Fence(name, name, EPOCH, "bench", Long.MAX_VALUE);
        if (!store.apply(WriteBatch.builder().setFence(fence, 0).build()).isCommitted()) {
            throw new IllegalStateException("fence " + name + " is already taken");
        }
        return name;
    }

    /** One entry appended at {@code head}; guarded by {@code fence} at {@link #EPOCH} unless it is null. */
    public static WriteBatch append(StreamId stream, long head, byte[] payload, String fence) {
        WriteBatch.Builder b = WriteBatch.builder();
        if (fence != null) {
            b.guardFence(fence, EPOCH);
        }
        return b.append(stream, head, payload).build();
    }

    /**
     * Opens a store, with the JDBC store's one-statement group append switched on for it when {@code groupStatement},
     * so a benchmark can measure it beside the default path (one JDBC batch of one statement per append).
     */
    public static <T> T open(boolean groupStatement, Supplier<T> open) {
        if (!groupStatement) {
            return open.get();
        }
        System.setProperty(GROUP_STATEMENT_SWITCH, "on");
        try {
            return open.get();
        } finally {
            System.clearProperty(GROUP_STATEMENT_SWITCH);
        }
    }
}
