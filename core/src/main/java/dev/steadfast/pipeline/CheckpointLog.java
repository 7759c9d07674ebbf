package dev.steadfast.pipeline;

import dev.steadfast.fence.OwnershipFence;
import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.WriteOp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The checkpoint log of one pipeline run: record checkpoints, read the latest ones and derive resume points.
 *
 * <p><b>Recording.</b> {@link #record} writes one guarded batch: the checkpoint, its idempotency key, the removal
 * of the stage's checkpoints past the {@linkplain PipelineOptions#retainPerStage() retention}, and any effects the
 * caller adds (a sink's idempotency records), all or nothing. A log obtained with a fence ({@link
 * Pipelines#claim}) guards every batch with it, so a superseded instance of the run cannot write. Every batch also
 * appends at the run journal's head it read, so of two writers racing (threads, handles or processes) the store
 * lets one win; the other reads again and, for the same key, returns what the winner stored.
 *
 * <p><b>Reading.</b> Reads see committed checkpoints only. Thread-safe; all state is in the store.
 */
public final class CheckpointLog {
    private final Store store;
    private final Clock clock;
    private final String runId;
    private final PipelineOptions options;
    private final Optional<OwnershipFence> fence;
    /** The run as this log last saw it; null until the first checkpoint needs it. */
    private final AtomicReference<RunView> view = new AtomicReference<>();

    CheckpointLog(Store store, Clock clock, String runId, PipelineOptions options, Optional<OwnershipFence> fence) {
        this.store = store;
        this.clock = clock;
        this.runId = PipelineNames.requireRunId(runId);
        this.options = options;
        this.fence = fence;
    }

    /** {@return the id of the run this log belongs to} */
    public String runId() {
        return runId;
    }

    /** {@return the fence guarding this log's writes, or empty for a log that was not claimed} */
    public Optional<OwnershipFence> fence() {
        return fence;
    }

    /**
     * Records a checkpoint without effects; see {@link #record(String, long, Watermark, String, List)}.
     *
     * @param stage          the stage's name
     * @param sequence       the stage's checkpoint sequence, above its latest
     * @param watermark      how far the stage has read, not below its latest
     * @param idempotencyKey unique per checkpoint; a repeat returns what the first call stored
     * @return recorded, already recorded under the key, rejected (moved backwards) or fenced
     * @throws IllegalArgumentException naming the argument when one is empty, too long or negative
     */
    public CheckpointResult record(String stage, long sequence, Watermark watermark, String idempotencyKey) {
        return record(stage, sequence, watermark, idempotencyKey, List.of());
    }

    /**
     * Records a checkpoint of {@code stage} together with {@code effects}, in one atomic batch.
     *
     * <p>A key recorded before returns {@link CheckpointResult.AlreadyRecorded} with the stored checkpoint (even
     * if this call's other arguments differ) and writes nothing, effects included. Otherwise the checkpoint must
     * move the stage forward: a sequence not above, or a watermark offset or event time below, the stage's latest
     * checkpoint is {@link CheckpointResult.Rejected} and nothing is written.
     *
     * <p><b>Key retention.</b> A key is kept as long as its checkpoint is retained in the chain
     * ({@link PipelineOptions#retainPerStage()}) and removed in the batch that removes the checkpoint. A key
     * repeated after that no longer finds its checkpoint, but the stage has since moved past it, so the same
     * checkpoint asked again is {@link CheckpointResult.Rejected} by the sequence rule: never written twice.
     * Retain more checkpoints to answer older repeats with {@code AlreadyRecorded}.
     *
     * @param stage          the stage's name
     * @param sequence       the stage's checkpoint sequence, above its latest
     * @param watermark      how far the stage has read, not below its latest
     * @param idempotencyKey unique per checkpoint; a repeat returns what the first call stored
     * @param effects operations committed with the checkpoint or not at all, for example a sink's records
     * @return recorded, already recorded under the key, rejected (moved backwards) or fenced
     * @throws IllegalArgumentException naming the argument when one is empty, too long or negative
     */
    public CheckpointResult record(String stage, long sequence, Watermark watermark, String idempotencyKey,
                                   List<WriteOp> effects) {
        PipelineNames.requireStage(stage);
        PipelineNames.requireNonNegative("checkpoint sequence", sequence);
        Objects.requireNonNull(watermark, "watermark");
        PipelineNames.requireKey(idempotencyKey);
        List<WriteOp> ops = List.copyOf(Objects.requireNonNull(effects, "effects"));
        return new CheckpointWriter(this, store).record(stage, sequence, watermark, idempotencyKey, ops);
    }

    /**
     * Deletes this run: every checkpoint, idempotency key, stage state and sink output, in one atomic write that
     * also moves the run's ownership fence on. A claimed log deletes under its fence, so once another instance
     * has claimed the run the delete is {@link RunDeletion.Refused}; afterwards this log's checkpoints are
     * {@link CheckpointResult.Fenced}. A log without a fence is refused while anyone holds the run's fence. The
     * run's journal keeps its head (sequences are never reused), so a new run under the same id starts empty.
     *
     * @return deleted, or refused naming the owner with nothing deleted
     */
    public RunDeletion delete() {
        return RunDeleter.delete(store, clock, runId, fence);
    }

    /** {@return the checkpoint recorded most recently in this run, whatever its stage; empty for an empty run} */
    public Optional<Checkpoint> latest() {
        long head = store.journalHead(PipelineNames.journal(runId));
        if (head == 0) {
            return Optional.empty();
        }
        try (Stream<Entry> last = store.readJournal(PipelineNames.journal(runId), head, head, 1)) {
            return last.findFirst().map(e -> CheckpointCodec.decode(e.payload(), where(e.sequence())));
        }
    }

    /**
     * Reads a stage's latest checkpoint.
     *
     * @param stage the stage's name
     * @return the latest checkpoint of {@code stage}, empty if the stage has none
     */
    public Optional<Checkpoint> latestForStage(String stage) {
        List<Checkpoint> retained = forStage(stage);
        return retained.isEmpty() ? Optional.empty() : Optional.of(retained.get(retained.size() - 1));
    }

    /**
     * Where {@code stage} resumes: its latest checkpoint's sequence and watermark.
     *
     * @param stage the stage's name
     * @return the resume point of its latest checkpoint
     * @throws java.util.NoSuchElementException naming the run, the stage and the stages that do have checkpoints
     */
    public ResumePoint resumePointForStage(String stage) {
        return latestForStage(stage).map(Checkpoint::resumePoint).orElseThrow(() ->
                new java.util.NoSuchElementException("run '" + runId + "' has no checkpoint for stage '" + stage
                        + "'; stages with checkpoints: " + stages()));
    }

    /**
     * The checkpoint recorded under {@code idempotencyKey}, while that checkpoint is retained: a key leaves the
     * store with its checkpoint (see {@link #record}).
     *
     * @param idempotencyKey the key a checkpoint was recorded under
     * @return the checkpoint, or empty if the key was never recorded or has left with its checkpoint
     */
    public Optional<Checkpoint> forKey(String idempotencyKey) {
        return store.getRecord(PipelineNames.keysNamespace(runId), RecordKey.of(PipelineNames.requireKey(
                idempotencyKey))).map(b -> CheckpointCodec.decode(b, "idempotency key '" + idempotencyKey + "'"));
    }

    /** {@return the retained checkpoints of every stage, in the order they were recorded} */
    public List<Checkpoint> chain() {
        List<Ordered> all = new ArrayList<>();
        try (Stream<StoredRecord> records = store.scanRecords(PipelineNames.chainNamespace(runId))) {
            records.forEach(r -> all.add(ordered(r)));
        }
        all.sort(Comparator.comparingLong(Ordered::ordinal));
        return all.stream().map(Ordered::checkpoint).toList();
    }

    /** {@return the names of the stages with at least one retained checkpoint, in code point order} */
    public List<String> stages() {
        return chain().stream().map(Checkpoint::stage).distinct().sorted().toList();
    }

    /**
     * Reads a stage's retained checkpoints.
     *
     * @param stage the stage's name
     * @return the retained checkpoints of {@code stage}, oldest first; empty if it has none
     */
    public List<Checkpoint> forStage(String stage) {
        return retained(PipelineNames.requireStage(stage)).stream().map(Ordered::checkpoint).toList();
    }

    List<Ordered> retained(String stage) {
        KeyRange range = KeyRange.between(PipelineNames.chainStart(stage), PipelineNames.chainEnd(stage));
        try (Stream<StoredRecord> records = store.scanRecords(PipelineNames.chainNamespace(runId), range,
                Integer.MAX_VALUE)) {
            return records.map(this::ordered).toList();
        }
    }

    Clock clock() {
        return clock;
    }

    Store store() {
        return store;
    }

    PipelineOptions options() {
        return options;
    }

    /** The view a checkpoint is judged on: the last one this log saw, or a fresh read. */
    RunView view() {
        RunView seen = view.get();
        return seen != null ? seen : reload();
    }

    RunView reload() {
        RunView fresh = RunView.load(store, runId);
        viewIs(fresh);
        return fresh;
    }

    /** Keeps {@code next} unless a thread sharing this log already keeps a later one. */
    void viewIs(RunView next) {
        view.accumulateAndGet(next, (old, n) -> old == null || n.head() >= old.head() ? n : old);
    }

    private Ordered ordered(StoredRecord r) {
        return RunView.ordered(runId, r);
    }

    private String where(long ordinal) {
        return RunView.where(runId, ordinal);
    }

    /** A stored checkpoint with its place in the run's journal. */
    record Ordered(long ordinal, Checkpoint checkpoint) {
    }
}
