/**
 * Pipeline checkpoints: per run and stage, a chain of {@link dev.steadfast.pipeline.Checkpoint}s with
 * {@link dev.steadfast.pipeline.Watermark}s that never go backwards, from which a stage resumes after a crash.
 *
 * <p>Start with {@link dev.steadfast.pipeline.Pipelines} (built from a store and a clock). Each checkpoint is one
 * atomic batch with the effects it covers and, for a claimed run, guarded by the run's ownership fence; an
 * idempotency key makes recording it again a no-op. {@link dev.steadfast.pipeline.PipelineRunner} drives stages
 * over a source with an idempotent sink in the same store, so a run killed at any point and restarted produces
 * its output exactly once.
 */
package dev.steadfast.pipeline;
