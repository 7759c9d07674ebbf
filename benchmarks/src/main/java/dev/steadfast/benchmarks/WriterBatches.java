package dev.steadfast.benchmarks;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;

/**
 * The batches the group-commit benchmarks' writers send: a bare append, or an append guarded by a fence the writer
 * holds, which is what every append of a durable session is. The guarded form measures what fencing costs a group.
 */
public final class WriterBatches {
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
}
