package dev.steadfast.pipeline;

import dev.steadfast.fence.Fences;
import dev.steadfast.fence.OwnershipFence;
import dev.steadfast.spi.Conflict;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.util.List;
import java.util.Optional;

/**
 * Builds and applies the one batch of a checkpoint. It judges the checkpoint on the log's {@link RunView} (no read
 * at all when the view is warm) and appends at the view's head: that append is what makes judge-then-write atomic
 * against every other writer of the run, so a stale view costs a refused batch and a re-read, never a wrong write.
 * A refusal (repeated key, invariant broken) is only returned once a head read confirms the view is current.
 */
final class CheckpointWriter {
    /** Each lost race means another checkpoint of the run committed; this many in a row is a livelock, not load. */
    private static final int MAX_ATTEMPTS = 1_000;

    private final CheckpointLog log;
    private final Store store;
    private final String runId;
    private final StreamId journal;

    CheckpointWriter(CheckpointLog log, Store store) {
        this.log = log;
        this.store = store;
        this.runId = log.runId();
        this.journal = PipelineNames.journal(runId);
    }

    CheckpointResult record(String stage, long sequence, Watermark watermark, String key, List<WriteOp> effects) {
        RunView view = log.view();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Checkpoint> stored = view.forKey(key);
            if (stored.isPresent()) {
                if (current(view)) {
                    return new CheckpointResult.AlreadyRecorded(stored.get());
                }
                view = log.reload();
                continue; // the key may have left with a deleted run or its checkpoint's retention: judge again
            }
            List<CheckpointLog.Ordered> retained = view.retained(stage);
            if (!retained.isEmpty()) {
                Optional<CheckpointResult.Rejected> rejected =
                        validate(retained.get(retained.size() - 1).checkpoint(), stage, sequence, watermark);
                if (rejected.isPresent()) {
                    if (current(view)) {
                        return rejected.get();
                    }
                    view = log.reload();
                    continue; // a racer committed since the view: maybe under our key, so judge again
                }
            }
            Checkpoint checkpoint = new Checkpoint(runId, stage, sequence, watermark, key, log.clock().millis());
            int evicted = Math.max(0, retained.size() + 1 - log.options().retainPerStage());
            WriteResult result = store.apply(batch(checkpoint, view.head(), retained.subList(0, evicted), effects));
            if (result.isCommitted()) {
                log.viewIs(view.after(checkpoint, evicted));
                return new CheckpointResult.Recorded(checkpoint);
            }
            if (result instanceof FencedOut f && log.fence().isPresent()
                    && f.fence().equals(log.fence().get().name())) {
                return new CheckpointResult.Fenced(Fences.superseded(log.fence().get(), f));
            }
            if (!(result instanceof SequenceConflict c) || !c.stream().equals(journal)) {
                throw new IllegalStateException("checkpoint " + checkpoint.label()
                        + " was refused by a condition of its effects: " + ((Conflict) result).message());
            }
            view = log.reload();
        }
        throw new IllegalStateException("run '" + runId + "': checkpoint of stage '" + stage + "' lost the race to "
                + "other writers " + MAX_ATTEMPTS + " times in a row");
    }

    /** Whether nothing was written to the run since {@code view}: only then may a refusal rest on it. */
    private boolean current(RunView view) {
        return store.journalHead(journal) == view.head();
    }

    private Optional<CheckpointResult.Rejected> validate(Checkpoint previous, String stage, long sequence,
                                                         Watermark watermark) {
        if (sequence <= previous.sequence()) {
            return rejected(stage, "sequence", previous.sequence(), sequence);
        }
        if (watermark.offset() < previous.watermark().offset()) {
            return rejected(stage, "watermark offset", previous.watermark().offset(), watermark.offset());
        }
        if (watermark.eventTimeMs() < previous.watermark().eventTimeMs()) {
            return rejected(stage, "watermark event time", previous.watermark().eventTimeMs(),
                    watermark.eventTimeMs());
        }
        return Optional.empty();
    }

    private Optional<CheckpointResult.Rejected> rejected(String stage, String field, long previous, long found) {
        return Optional.of(new CheckpointResult.Rejected(runId, stage, field, previous, found));
    }

    private WriteBatch batch(Checkpoint checkpoint, long head, List<CheckpointLog.Ordered> evicted,
                             List<WriteOp> effects) {
        byte[] encoded = CheckpointCodec.encode(checkpoint);
        long ordinal = head + 1;
        WriteBatch.Builder batch = WriteBatch.builder();
        log.fence().map(OwnershipFence::guard).ifPresent(batch::guard);
        batch.append(journal, head, encoded);
        if (head > 0) {
            // The journal only decides races and remembers the latest checkpoint; the chain lives in records.
            batch.truncate(journal, head);
        }
        String chain = PipelineNames.chainNamespace(runId);
        String keys = PipelineNames.keysNamespace(runId);
        batch.putRecord(chain, PipelineNames.chainKey(checkpoint.stage(), ordinal), encoded);
        for (CheckpointLog.Ordered old : evicted) {
            // A key leaves with its checkpoint: repeating it later is judged by the sequence rule instead, which
            // refuses it, since the stage has moved past that checkpoint.
            batch.removeRecord(chain, PipelineNames.chainKey(checkpoint.stage(), old.ordinal()));
            batch.removeRecord(keys, RecordKey.of(old.checkpoint().idempotencyKey()));
        }
        batch.putRecord(keys, RecordKey.of(checkpoint.idempotencyKey()), encoded);
        effects.forEach(batch::op);
        return batch.build();
    }
}
