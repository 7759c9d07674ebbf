package dev.steadfast.tck;

import dev.steadfast.spi.Guard;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a failing model sequence: drops chunks of steps (halving the chunk down to single steps), then single
 * batches of {@code applyAll} steps, then single guards and operations of every batch, and starts over while
 * anything was dropped. Within its budget of replays the result is one-minimal: dropping any one step,
 * {@code applyAll} batch, or guard or operation of a batch makes the sequence pass.
 */
final class ModelShrinker {
    private final Predicate<List<ModelStep>> fails;
    private int replaysLeft;

    /**
     * @param fails      replays a sequence on a fresh store and says whether it still fails
     * @param maxReplays how many replays shrinking may spend
     */
    ModelShrinker(Predicate<List<ModelStep>> fails, int maxReplays) {
        this.fails = fails;
        this.replaysLeft = maxReplays;
    }

    /** A shortest failing sequence this budget finds, starting from {@code failing}. */
    List<ModelStep> shrink(List<ModelStep> failing) {
        List<ModelStep> current = failing;
        for (List<ModelStep> before = null; !current.equals(before) && replaysLeft > 0; ) {
            before = current;
            current = shrinkBatches(dropBatchesOfApplyAll(dropSteps(current)));
        }
        return current;
    }

    private boolean stillFails(List<ModelStep> candidate) {
        if (candidate.isEmpty() || replaysLeft <= 0) {
            return false;
        }
        replaysLeft--;
        return fails.test(candidate);
    }

    private List<ModelStep> dropSteps(List<ModelStep> failing) {
        List<ModelStep> current = failing;
        for (int chunk = Math.max(1, current.size() / 2); chunk >= 1; chunk /= 2) {
            for (int from = 0; from < current.size() && replaysLeft > 0; ) {
                List<ModelStep> candidate = new ArrayList<>(current.subList(0, from));
                candidate.addAll(current.subList(Math.min(current.size(), from + chunk), current.size()));
                if (stillFails(candidate)) {
                    current = candidate;
                } else {
                    from += chunk;
                }
            }
        }
        return current;
    }

    private List<ModelStep> dropBatchesOfApplyAll(List<ModelStep> failing) {
        List<ModelStep> current = new ArrayList<>(failing);
        for (int i = 0; i < current.size(); i++) {
            for (int b = current.get(i) instanceof ModelStep.ApplyAll a ? a.batches().size() - 1 : -1; b >= 0; b--) {
                List<WriteBatch> batches = new ArrayList<>(((ModelStep.ApplyAll) current.get(i)).batches());
                if (batches.size() == 1) {
                    break;
                }
                batches.remove(b);
                List<ModelStep> candidate = new ArrayList<>(current);
                candidate.set(i, new ModelStep.ApplyAll(batches));
                if (stillFails(candidate)) {
                    current = candidate;
                }
            }
        }
        return current;
    }

    private List<ModelStep> shrinkBatches(List<ModelStep> failing) {
        List<ModelStep> current = new ArrayList<>(failing);
        for (int i = 0; i < current.size(); i++) {
            for (int b = 0; b < batches(current.get(i)).size(); b++) {
                WriteBatch batch = batches(current.get(i)).get(b);
                for (int part = batch.guards().size() + batch.operations().size() - 1; part >= 0; part--) {
                    List<Guard> guards = new ArrayList<>(batch.guards());
                    List<WriteOp> ops = new ArrayList<>(batch.operations());
                    if (part < guards.size()) {
                        guards.remove(part);
                    } else {
                        ops.remove(part - guards.size());
                    }
                    if (guards.isEmpty() && ops.isEmpty()) {
                        continue;
                    }
                    List<ModelStep> candidate = new ArrayList<>(current);
                    candidate.set(i, withBatch(current.get(i), b, new WriteBatch(guards, ops)));
                    if (stillFails(candidate)) {
                        current = candidate;
                        batch = batches(candidate.get(i)).get(b);
                    }
                }
            }
        }
        return current;
    }

    private static List<WriteBatch> batches(ModelStep step) {
        if (step instanceof ModelStep.Apply a) {
            return List.of(a.batch());
        }
        return step instanceof ModelStep.ApplyAll a ? a.batches() : List.of();
    }

    private static ModelStep withBatch(ModelStep step, int index, WriteBatch batch) {
        if (step instanceof ModelStep.Apply) {
            return new ModelStep.Apply(batch);
        }
        List<WriteBatch> batches = new ArrayList<>(((ModelStep.ApplyAll) step).batches());
        batches.set(index, batch);
        return new ModelStep.ApplyAll(batches);
    }
}
