package dev.steadfast.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs a pipeline's stages one after the other over a {@link Source}, each stage reading the output of the one
 * before, checkpointing every N items or T ms of the clock, and resuming each stage from its resume point.
 *
 * <p><b>Exactly once.</b> A stage's output goes to an idempotent sink in the same store (records keyed by the
 * key the stage emits) and is committed in the same batch as the checkpoint that covers it, together with the
 * stage's state. Killed at any point and run again, the pipeline re-reads only what came after each stage's last
 * checkpoint, from a restored state, and so commits exactly the output of a run that never crashed. A stage whose
 * final checkpoint is recorded is not run again.
 *
 * <p>Run it with a log from {@link Pipelines#claim}: a restarted instance then fences out the one it replaces.
 * One thread runs a runner.
 */
public final class PipelineRunner {
    private final CheckpointLog log;
    private final Source source;
    private final List<Stage> stages;
    private final int everyRecords;
    private final long everyMillis;
    private final Consumer<Checkpoint> listener;

    private PipelineRunner(Builder b) {
        this.log = b.log;
        this.source = b.source;
        this.stages = List.copyOf(b.stages);
        this.everyRecords = b.everyRecords;
        this.everyMillis = b.everyMillis;
        this.listener = b.listener;
    }

    /**
     * Starts a runner over {@code source} recording into {@code log}.
     *
     * @param log    the run's log; a claimed one makes every checkpoint fenced
     * @param source the input, read again from the resumed offset after a restart
     * @return a builder to add the stages to
     */
    public static Builder builder(CheckpointLog log, Source source) {
        return new Builder(Objects.requireNonNull(log, "log"), Objects.requireNonNull(source, "source"));
    }

    /**
     * Runs every stage to the end of its input, resuming where checkpoints say.
     *
     * @return what each stage read, emitted and checkpointed in this run
     * @throws IllegalStateException when a checkpoint is rejected (a stage moved backwards)
     * @throws dev.steadfast.fence.OwnershipException when another instance has claimed the run
     */
    public RunReport run() {
        List<ResumePoint> resumed = new ArrayList<>();
        List<String> done = new ArrayList<>();
        long items = 0;
        int checkpoints = 0;
        Source input = source;
        for (Stage stage : stages) {
            if (log.forKey(StageRun.endKey(stage)).isEmpty()) {
                StageRun run = new StageRun(log, stage, everyRecords, everyMillis, listener);
                run.resume().ifPresent(resumed::add);
                run.run(input);
                items += run.itemsRead();
                checkpoints += run.checkpoints();
            } else {
                done.add(stage.name());
            }
            String name = stage.name();
            input = offset -> StageOutput.read(log.store(), log.runId(), name, offset);
        }
        return new RunReport(items, checkpoints, resumed, done);
    }

    /**
     * Reads what a stage committed: only output covered by a recorded checkpoint is there.
     *
     * @param stage the stage's name
     * @return the committed output of {@code stage}, in key order; close the stream
     */
    public Stream<Item> output(String stage) {
        return StageOutput.read(log.store(), log.runId(), PipelineNames.requireStage(stage), 0);
    }

    /** Collects a runner's stages and checkpoint policy; not thread-safe. */
    public static final class Builder {
        private final CheckpointLog log;
        private final Source source;
        private final List<Stage> stages = new ArrayList<>();
        private final Set<String> names = new HashSet<>();
        private int everyRecords = 1_000;
        private long everyMillis = 1_000;
        private Consumer<Checkpoint> listener = c -> { };

        private Builder(CheckpointLog log, Source source) {
            this.log = log;
            this.source = source;
        }

        /**
         * Adds the next stage; it reads the output of the stage added before (the first reads the source).
         *
         * @param stage the stage, with a name unique in this pipeline
         * @return this builder
         */
        public Builder stage(Stage stage) {
            Objects.requireNonNull(stage, "stage");
            PipelineNames.requireStage(stage.name());
            if (!names.add(stage.name())) {
                throw new IllegalArgumentException("stage '" + stage.name() + "' is in the pipeline twice");
            }
            stages.add(stage);
            return this;
        }

        /**
         * Checkpoints a stage after {@code records} items or once {@code interval} of the log's clock has passed
         * since its last checkpoint, whichever comes first (default: 1,000 items or 1 s).
         *
         * @param records items between checkpoints, {@code >= 1}
         * @param interval the longest time between checkpoints, positive, on the log's clock
         * @return this builder
         * @throws IllegalArgumentException if {@code records < 1} or {@code interval} is not positive
         */
        public Builder checkpointEvery(int records, Duration interval) {
            if (records < 1) {
                throw new IllegalArgumentException("records between checkpoints must be >= 1, was " + records);
            }
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("interval between checkpoints must be positive, was " + interval);
            }
            this.everyRecords = records;
            this.everyMillis = interval.toMillis();
            return this;
        }

        /**
         * Calls {@code listener} after each checkpoint commits, on the runner's thread.
         *
         * @param listener must not throw; it runs before the runner goes on
         * @return this builder
         */
        public Builder onCheckpoint(Consumer<Checkpoint> listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Builds the runner; nothing runs until {@link PipelineRunner#run()}.
         *
         * @return the runner
         * @throws IllegalStateException if no stage was added
         */
        public PipelineRunner build() {
            if (stages.isEmpty()) {
                throw new IllegalStateException("a pipeline needs at least one stage");
            }
            return new PipelineRunner(this);
        }
    }
}
