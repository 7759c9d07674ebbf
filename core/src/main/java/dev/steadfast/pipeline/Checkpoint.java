package dev.steadfast.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * One stage transition of a pipeline run, as stored in the run's checkpoint log.
 *
 * @param runId          the run, a valid name of at most 100 characters, without {@code /}
 * @param stage          the stage, a valid name of at most 100 characters, without {@code /}
 * @param sequence       the stage's checkpoint number, {@code >= 0}, strictly increasing per stage
 * @param watermark      how far the stage had got
 * @param idempotencyKey the caller's key for this checkpoint: recording it again returns this checkpoint
 * @param atMs           when it was recorded, on the recorder's clock, {@code >= 0}
 */
public record Checkpoint(String runId, String stage, long sequence, Watermark watermark, String idempotencyKey,
                         long atMs) {

    /**
     * Checks the components.
     *
     * @param runId          the run, a valid name of at most 100 characters, without {@code /}
     * @param stage          the stage, a valid name of at most 100 characters, without {@code /}
     * @param sequence       the stage's checkpoint number, {@code >= 0}, strictly increasing per stage
     * @param watermark      how far the stage had got
     * @param idempotencyKey the caller's key for this checkpoint: recording it again returns this checkpoint
     * @param atMs           when it was recorded, on the recorder's clock, {@code >= 0}
     * @throws IllegalArgumentException naming the field and its value when one is empty, too long or negative
     */
    public Checkpoint {
        PipelineNames.requireRunId(runId);
        PipelineNames.requireStage(stage);
        PipelineNames.requireNonNegative("checkpoint sequence", sequence);
        Objects.requireNonNull(watermark, "watermark");
        PipelineNames.requireKey(idempotencyKey);
        PipelineNames.requireNonNegative("checkpoint time", atMs);
    }

    /** {@return the point a stage resumes from after this checkpoint: its sequence and watermark} */
    public ResumePoint resumePoint() {
        return new ResumePoint(runId, stage, sequence, watermark);
    }

    /**
     * {@return a stable label, for example
     * {@code cp:run-1/parse#3 wm:120@1700000000000 key=parse@120 at=1700000000500}}
     */
    public String label() {
        return "cp:" + runId + "/" + stage + "#" + sequence + " " + watermark.label() + " key=" + idempotencyKey
                + " at=" + atMs;
    }

    /**
     * A SHA-256 hex digest over the canonical encoding of {@code chain}, in the order given. Equal chains give
     * equal signatures on every run, machine and JVM: the encoding is fixed-width big-endian numbers and
     * length-prefixed UTF-8 text, versioned, with no dependence on platform charset, locale or hash seeds.
     *
     * @param chain checkpoints, for example {@link CheckpointLog#chain()}
     * @return 64 lower-case hex digits
     */
    public static String chainSignature(List<Checkpoint> chain) {
        return CheckpointCodec.signature(Objects.requireNonNull(chain, "chain"));
    }
}
