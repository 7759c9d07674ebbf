package dev.steadfast.pipeline;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoredRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a writer needs to judge a checkpoint, as of one journal head: the retained chain of every stage and the
 * idempotency keys in force. Keys live exactly as long as their checkpoint is in the chain, so the chain alone is
 * the key set, and one scan builds the whole view.
 *
 * <p>A view may be stale. It is safe to write from one anyway: every checkpoint batch appends at the view's head,
 * so the store refuses a batch judged on a view that another writer has since moved past. Immutable.
 */
record RunView(long head, Map<String, List<CheckpointLog.Ordered>> stages, Map<String, Checkpoint> keys) {

    static final RunView EMPTY = new RunView(0, Map.of(), Map.of());

    /** Reads the view at the journal's current head: head first, so the scan shows at least that state. */
    static RunView load(Store store, String runId) {
        long head = store.journalHead(PipelineNames.journal(runId));
        Map<String, List<CheckpointLog.Ordered>> stages = new HashMap<>();
        Map<String, Checkpoint> keys = new HashMap<>();
        try (Stream<StoredRecord> records = store.scanRecords(PipelineNames.chainNamespace(runId))) {
            records.forEach(r -> {
                CheckpointLog.Ordered o = ordered(runId, r);
                // Chain keys sort by stage, then ordinal: each stage's list comes out oldest first.
                stages.computeIfAbsent(o.checkpoint().stage(), s -> new ArrayList<>()).add(o);
                keys.put(o.checkpoint().idempotencyKey(), o.checkpoint());
            });
        }
        return new RunView(head, Map.copyOf(stages), Map.copyOf(keys));
    }

    static CheckpointLog.Ordered ordered(String runId, StoredRecord r) {
        byte[] key = r.key().bytes();
        long ordinal = ByteBuffer.wrap(key, key.length - Long.BYTES, Long.BYTES).getLong();
        return new CheckpointLog.Ordered(ordinal, CheckpointCodec.decode(r.value(), where(runId, ordinal)));
    }

    static String where(String runId, long ordinal) {
        return "checkpoint " + ordinal + " of run '" + runId + "'";
    }

    /** The retained checkpoints of {@code stage}, oldest first. */
    List<CheckpointLog.Ordered> retained(String stage) {
        return stages.getOrDefault(stage, List.of());
    }

    Optional<Checkpoint> forKey(String key) {
        return Optional.ofNullable(keys.get(key));
    }

    /** The view once {@code recorded} committed at ordinal {@code head + 1}, with {@code evicted} gone. */
    RunView after(Checkpoint recorded, int evicted) {
        List<CheckpointLog.Ordered> old = retained(recorded.stage());
        List<CheckpointLog.Ordered> kept = new ArrayList<>(old.subList(evicted, old.size()));
        kept.add(new CheckpointLog.Ordered(head + 1, recorded));
        Map<String, List<CheckpointLog.Ordered>> nextStages = new HashMap<>(stages);
        nextStages.put(recorded.stage(), List.copyOf(kept));
        Map<String, Checkpoint> nextKeys = new HashMap<>(keys);
        old.subList(0, evicted).forEach(o -> nextKeys.remove(o.checkpoint().idempotencyKey()));
        nextKeys.put(recorded.idempotencyKey(), recorded);
        return new RunView(head + 1, Map.copyOf(nextStages), Map.copyOf(nextKeys));
    }
}
