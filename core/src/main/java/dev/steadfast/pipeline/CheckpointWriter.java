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
 * Builds and applies the one batch of a checkpoint, re-reading after a lost race. The journal append at the head
 * read is what makes the read-validate-write sequence atomic against every other writer of the run.
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
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            // Head first: the reads after it describe at least that state, and the append below expects it.
            long head = store.journalHead(journal);
            Optional<Checkpoint> stored = log.forKey(key);
            if (stored.isPresent()) {
                return new CheckpointResult.AlreadyRecorded(stored.get());
            }
            List<CheckpointLog.Ordered> retained = log.retained(stage);
            if (!retained.isEmpty()) {
                Optional<CheckpointResult.Rejected> rejected =
                        validate(retained.get(retained.size() - 1).checkpoint(), stage, sequence, watermark);
                if (rejected.isPresent()) {
                    if (store.journalHead(journal) != head) {
                        continue; // a racer committed while we read: maybe under our key, so judge again
                    }
                    return rejected.get();
                }
            }
            Checkpoint checkpoint = new Checkpoint(runId, stage, sequence, watermark, key, log.clock().millis());
            WriteResult result = store.apply(batch(checkpoint, head, retained, effects));
            if (result.isCommitted()) {
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
        }
        throw new IllegalStateException("run '" + runId + "': checkpoint of stage '" + stage + "' lost the race to "
                + "other writers " + MAX_ATTEMPTS + " times in a row");
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

    private WriteBatch batch(Checkpoint checkpoint, long head, List<CheckpointLog.Ordered> retained,
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
        batch.putRecord(chain, PipelineNames.chainKey(checkpoint.stage(), ordinal), encoded);
        int excess = retained.size() + 1 - log.options().retainPerStage();
        for (int i = 0; i < excess; i++) {
            batch.removeRecord(chain, PipelineNames.chainKey(checkpoint.stage(), retained.get(i).ordinal()));
        }
        batch.putRecord(PipelineNames.keysNamespace(runId), RecordKey.of(checkpoint.idempotencyKey()), encoded);
        effects.forEach(batch::op);
        return batch.build();
    }
}
