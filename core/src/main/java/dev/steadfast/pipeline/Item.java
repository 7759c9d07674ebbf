package dev.steadfast.pipeline;

import java.util.Objects;

/**
 * One element flowing into a stage: read from the pipeline's {@link Source}, or emitted by the stage before.
 *
 * <p>The payload array is handed over, not copied: treat it as read-only.
 *
 * @param offset      where the item starts in its input (for a stage's output: the key it was emitted under)
 * @param nextOffset  where reading resumes after this item, {@code > offset}; a checkpoint taken after this item
 *                    records it as the watermark's offset
 * @param eventTimeMs when the event happened, in epoch millis, {@code >= 0}
 * @param payload     the item's bytes
 */
public record Item(long offset, long nextOffset, long eventTimeMs, byte[] payload) {
    /**
     * Checks the components.
     *
     * @param offset      where the item starts in its input (for a stage's output: the key it was emitted under)
     * @param nextOffset  where reading resumes after this item, {@code > offset}; a checkpoint taken after this item
     *                    records it as the watermark's offset
     * @param eventTimeMs when the event happened, in epoch millis, {@code >= 0}
     * @param payload     the item's bytes
     * @throws IllegalArgumentException naming the field when an offset or the event time is out of range
     */
    public Item {
        PipelineNames.requireNonNegative("item offset", offset);
        if (nextOffset <= offset) {
            throw new IllegalArgumentException("item next offset must be above its offset " + offset + ", was "
                    + nextOffset);
        }
        PipelineNames.requireNonNegative("item event time", eventTimeMs);
        Objects.requireNonNull(payload, "payload");
    }
}
