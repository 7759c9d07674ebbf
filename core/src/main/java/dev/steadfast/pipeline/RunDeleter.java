package dev.steadfast.pipeline;

import dev.steadfast.fence.OwnershipFence;
import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Conflict;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.Guard;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.util.List;
import java.util.Optional;

/**
 * Deletes a run in one batch. The batch appends a marker at the journal head it read and truncates through it:
 * the append makes a checkpoint committed meanwhile (perhaps into a namespace not yet listed) refuse the delete,
 * which then lists again; and it moves the head, so every log's cached view of the run goes stale.
 *
 * <p>The run's fence is never removed, only moved on: were it removed, a new claim would start again at epoch 1
 * and an old instance holding epoch 1 would pass its guard. A claimed log's delete moves the fence one epoch past
 * its own and leaves it released, so every instance that held the run, the deleting one included, is fenced out.
 */
final class RunDeleter {
    private static final int MAX_ATTEMPTS = 1_000;
    private static final byte[] MARKER = {0};

    private RunDeleter() {
    }

    static RunDeletion delete(Store store, Clock clock, String runId, Optional<OwnershipFence> held) {
        String fenceName = Pipelines.fenceName(runId);
        StreamId journal = PipelineNames.journal(runId);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Fence> fence = store.readFence(fenceName);
            if (held.isEmpty() && fence.isPresent() && fence.get().leasedAt(clock.millis())) {
                return new RunDeletion.Refused(runId, fence.get().owner(), fence.get().epoch());
            }
            RunView view = RunView.load(store, runId);
            List<String> namespaces = store.listNamespaces(PipelineNames.runPrefix(runId));
            if (held.isEmpty() && namespaces.isEmpty()) {
                return new RunDeletion.Deleted(runId, 0);
            }
            WriteBatch.Builder batch = WriteBatch.builder();
            batch.guard(held.map(OwnershipFence::guard)
                    .orElse(new Guard.FenceAt(fenceName, fence.map(Fence::epoch).orElse(0L))));
            batch.append(journal, view.head(), MARKER);
            batch.truncate(journal, view.head() + 1);
            namespaces.forEach(ns -> batch.op(new WriteOp.DropNamespace(ns)));
            held.ifPresent(h -> batch.op(new WriteOp.SetFence(
                    new Fence(fenceName, h.owner(), h.epoch() + 1, "", 0), h.epoch())));
            WriteResult result = store.apply(batch.build());
            if (result.isCommitted()) {
                int checkpoints = view.stages().values().stream().mapToInt(List::size).sum();
                return new RunDeletion.Deleted(runId, checkpoints);
            }
            if (result instanceof FencedOut f) {
                return new RunDeletion.Refused(runId, f.foundOwner(), f.foundEpoch());
            }
            if (!(result instanceof SequenceConflict c) || !c.stream().equals(journal)) {
                throw new IllegalStateException("deleting run '" + runId + "' met an unexpected conflict: "
                        + ((Conflict) result).message());
            }
        }
        throw new IllegalStateException("run '" + runId + "': delete lost the race to checkpoints " + MAX_ATTEMPTS
                + " times in a row");
    }
}
