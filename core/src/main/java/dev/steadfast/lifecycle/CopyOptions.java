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

    /** Default batch size, no merge, progress discarded. */
    public static CopyOptions defaults() {
        return new CopyOptions(DEFAULT_BATCH_SIZE, false, line -> { });
    }

    /** These options with {@code merge}. */
    public CopyOptions withMerge(boolean value) {
        return new CopyOptions(batchSize, value, progress);
    }

    /** These options with {@code size} entries per batch. */
    public CopyOptions withBatchSize(int size) {
        return new CopyOptions(size, merge, progress);
    }

    /** These options reporting progress to {@code sink}. */
    public CopyOptions withProgress(Consumer<String> sink) {
        return new CopyOptions(batchSize, merge, sink);
    }
}
