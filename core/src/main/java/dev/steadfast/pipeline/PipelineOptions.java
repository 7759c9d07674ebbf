package dev.steadfast.pipeline;

/**
 * How a run's checkpoint log is kept.
 *
 * @param retainPerStage how many of each stage's latest checkpoints stay in the chain, {@code >= 1}; older ones
 *                       are removed, with their idempotency keys, in the batch that records a new one
 */
public record PipelineOptions(int retainPerStage) {
    /** Keeps the last 8 checkpoints of each stage. */
    public static final PipelineOptions DEFAULTS = new PipelineOptions(8);

    /**
     * Checks the components.
     *
     * @param retainPerStage how many of each stage's latest checkpoints stay in the chain, {@code >= 1}; older ones
     *                       are removed, with their idempotency keys, in the batch that records a new one
     * @throws IllegalArgumentException if {@code retainPerStage < 1}
     */
    public PipelineOptions {
        if (retainPerStage < 1) {
            throw new IllegalArgumentException("checkpoints retained per stage must be >= 1, was " + retainPerStage);
        }
    }
}
