package dev.steadfast.pipeline;

/**
 * How far a stage has got: the source {@code offset} to resume from and the event time it has reached.
 *
 * <p>Within one stage of a run neither part ever goes backwards (see {@link CheckpointLog#record}); that is what
 * makes a replay from a watermark exact.
 *
 * @param offset      the position in the stage's input to resume from, {@code >= 0}
 * @param eventTimeMs the event time the stage has reached, in epoch millis, {@code >= 0}
 */
public record Watermark(long offset, long eventTimeMs) {
    /** The watermark of a stage that has read nothing. */
    public static final Watermark START = new Watermark(0, 0);

    /**
     * Checks the components.
     *
     * @param offset      the position in the stage's input to resume from, {@code >= 0}
     * @param eventTimeMs the event time the stage has reached, in epoch millis, {@code >= 0}
     * @throws IllegalArgumentException naming the field and its value when one is negative
     */
    public Watermark {
        PipelineNames.requireNonNegative("watermark offset", offset);
        PipelineNames.requireNonNegative("watermark event time", eventTimeMs);
    }

    /** {@return a stable label, for example {@code wm:120@1700000000000}} */
    public String label() {
        return "wm:" + offset + "@" + eventTimeMs;
    }
}
