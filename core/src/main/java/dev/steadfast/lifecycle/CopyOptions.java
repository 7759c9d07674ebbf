package dev.steadfast.lifecycle;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@link StoreCopy} runs.
 *
 * @param batchSize most entries or records written in one batch (1..100000); bounds memory and lock time
 * @param merge     whether a target that already holds state of its own may be written to
 * @param progress  receives one progress line per batch and per finished phase
 */
public record CopyOptions(int batchSize, boolean merge, Consumer<String> progress) {
    /** The batch size used unless told otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 500;

    /**
     * Checks the batch size.
     *
     * @param batchSize most entries or records written in one batch (1..100000); bounds memory and lock time
     * @param merge     whether a target that already holds state of its own may be written to
     * @param progress  receives one progress line per batch and per finished phase
     */
    public CopyOptions {
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("copy batch size must be 1..100000, was " + batchSize);
        }
        Objects.requireNonNull(progress, "progress");
    }

    /** {@return the default batch size, no merge, progress discarded} */
    public static CopyOptions defaults() {
        return new CopyOptions(DEFAULT_BATCH_SIZE, false, line -> { });
    }

    /**
     * {@return these options with merging on or off}
     *
     * @param value true to let the copy write into a target that holds state of its own, false to refuse such one
     */
    public CopyOptions withMerge(boolean value) {
        return new CopyOptions(batchSize, value, progress);
    }

    /**
     * {@return these options with {@code size} entries per batch}
     *
     * @param size 1..100000; larger batches mean fewer commits and a longer hold on the target
     * @throws IllegalArgumentException if {@code size} is out of range
     */
    public CopyOptions withBatchSize(int size) {
        return new CopyOptions(size, merge, progress);
    }

    /**
     * {@return these options reporting progress to {@code sink}}
     *
     * @param sink receives one line per batch written
     */
    public CopyOptions withProgress(Consumer<String> sink) {
        return new CopyOptions(batchSize, merge, sink);
    }
}
