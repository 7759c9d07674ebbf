package dev.steadfast.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * What one {@link PipelineRunner#run()} did.
 *
 * @param itemsRead      items the stages consumed in this call (a resumed stage counts only what it re-read)
 * @param checkpoints    checkpoints recorded in this call
 * @param resumedFrom    the resume points of the stages that continued a crashed or interrupted run
 * @param alreadyDone    the stages a previous call had finished, skipped now
 */
public record RunReport(long itemsRead, int checkpoints, List<ResumePoint> resumedFrom, List<String> alreadyDone) {
    /**
     * Copies the lists.
     *
     * @param itemsRead   items the stages consumed in this call (a resumed stage counts only what it re-read)
     * @param checkpoints checkpoints recorded in this call
     * @param resumedFrom the resume points of the stages that continued a crashed or interrupted run
     * @param alreadyDone the stages a previous call had finished, skipped now
     */
    public RunReport {
        resumedFrom = List.copyOf(Objects.requireNonNull(resumedFrom, "resumedFrom"));
        alreadyDone = List.copyOf(Objects.requireNonNull(alreadyDone, "alreadyDone"));
    }
}
