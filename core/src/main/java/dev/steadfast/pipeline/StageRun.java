package dev.steadfast.pipeline;

import dev.steadfast.spi.WriteOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs one stage from its resume point to the end of its input. Output and state are held in memory between
 * checkpoints and committed with them, so after a crash the stage redoes exactly the work since its last
 * checkpoint, and what it redoes replaces (never duplicates) output under the same keys.
 */
final class StageRun {
    private final CheckpointLog log;
    private final Stage stage;
    private final int everyRecords;
    private final long everyMillis;
    private final Consumer<Checkpoint> listener;
    private final List<WriteOp> pending = new ArrayList<>();
    private long sequence;
    private Watermark watermark;
    private long itemsRead;
    private int checkpoints;

    StageRun(CheckpointLog log, Stage stage, int everyRecords, long everyMillis, Consumer<Checkpoint> listener) {
        this.log = log;
        this.stage = stage;
        this.everyRecords = everyRecords;
        this.everyMillis = everyMillis;
        this.listener = listener;
    }

    static String endKey(Stage stage) {
        return stage.name() + "@end";
    }

    /** Resumes the stage if it has a checkpoint; returns where it resumed from. */
    Optional<ResumePoint> resume() {
        Optional<Checkpoint> latest = log.latestForStage(stage.name());
        sequence = latest.map(Checkpoint::sequence).orElse(0L);
        watermark = latest.map(Checkpoint::watermark).orElse(Watermark.START);
        latest.ifPresent(c -> stage.restore(StageOutput.state(log.store(), log.runId(), stage.name())));
        return latest.map(Checkpoint::resumePoint);
    }

    void run(Source input) {
        Emitter out = (key, eventTimeMs, value) ->
                pending.add(StageOutput.put(log.runId(), stage.name(), key, eventTimeMs, value));
        long lastCheckpointMs = log.clock().millis();
        int sinceCheckpoint = 0;
        long offset = watermark.offset();
        long eventTime = watermark.eventTimeMs();
        try (Stream<Item> items = input.from(offset)) {
            for (var it = items.iterator(); it.hasNext(); ) {
                Item item = it.next();
                stage.accept(item, out);
                itemsRead++;
                sinceCheckpoint++;
                offset = item.nextOffset();
                eventTime = Math.max(eventTime, item.eventTimeMs());
                long now = log.clock().millis();
                if (sinceCheckpoint >= everyRecords || now - lastCheckpointMs >= everyMillis) {
                    checkpoint(new Watermark(offset, eventTime), stage.name() + "@" + offset);
                    sinceCheckpoint = 0;
                    lastCheckpointMs = now;
                }
            }
        }
        stage.finish(out);
        checkpoint(new Watermark(offset, eventTime), endKey(stage));
    }

    private void checkpoint(Watermark next, String key) {
        pending.add(StageOutput.putState(log.runId(), stage.name(), stage.state()));
        Checkpoint recorded = log.record(stage.name(), sequence + 1, next, key, pending).orElseThrow();
        pending.clear();
        sequence = recorded.sequence();
        watermark = recorded.watermark();
        checkpoints++;
        listener.accept(recorded);
    }

    long itemsRead() {
        return itemsRead;
    }

    int checkpoints() {
        return checkpoints;
    }
}
