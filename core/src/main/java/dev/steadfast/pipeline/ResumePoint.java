package dev.steadfast.pipeline;

import java.util.Objects;

/**
 * Where a stage of a run picks up again: the last checkpoint's sequence and watermark.
 *
 * @param runId     the run
 * @param stage     the stage
 * @param sequence  the sequence of the checkpoint it derives from; the next checkpoint must be higher
 * @param watermark read the stage's input again from {@code watermark.offset()}
 */
public record ResumePoint(String runId, String stage, long sequence, Watermark watermark) {
    /**
     * Checks the components.
     *
     * @param runId     the run
     * @param stage     the stage
     * @param sequence  the sequence of the checkpoint it derives from; the next checkpoint must be higher
     * @param watermark read the stage's input again from {@code watermark.offset()}
     * @throws IllegalArgumentException naming the field and its value when one is invalid
     */
    public ResumePoint {
        PipelineNames.requireRunId(runId);
        PipelineNames.requireStage(stage);
        PipelineNames.requireNonNegative("resume sequence", sequence);
        Objects.requireNonNull(watermark, "watermark");
    }

    /** {@return a stable label, for example {@code resume:run-1/parse#3 wm:120@1700000000000}} */
    public String label() {
        return "resume:" + runId + "/" + stage + "#" + sequence + " " + watermark.label();
    }
}
