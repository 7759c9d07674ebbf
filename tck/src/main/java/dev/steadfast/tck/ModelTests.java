package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.steadfast.spi.Guard;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A stateful property test: random sequences of batches over every operation and guard kind, with conflicts,
 * interleaved with reopening (durable stores) and reads through a second handle (shared stores), checked after
 * every step against {@link ReferenceStore}. A failing sequence is shrunk by dropping steps while it still fails,
 * and printed with its seed; {@code -Dsteadfast.tck.seed=N} replays from another seed.
 *
 * <p>Why seeded JUnit rather than jqwik: the kit runs inside each backend's own JUnit Jupiter build as
 * {@code @Nested} groups with a {@code @TempDir} per test; a second test engine would have to be on every backend's
 * test path and does not share Jupiter's nested lifecycle. Sequences are values, replayed on a fresh directory, so
 * dropping steps is all shrinking needs.
 */
abstract class ModelTests extends TckGroup {
    static final int STEPS = 40;
    private static final int MAX_REPLAYS = 80;

    private int runs;
    private int replays;

    @Test
    @DisplayName("random batch sequences of every operation and guard kind, with reopens and second handles, match a model")
    void randomSequencesMatchTheModel() {
        StoreDescriptor d = store().descriptor();
        long base = Long.getLong("steadfast.tck.seed", 20_261_129L);
        for (int n = 0, sequences = tck().scaled(25); n < sequences; n++) {
            long seed = base + n;
            List<ModelStep> steps = new ModelGenerator(seed, d.durable(), d.sharedAcrossProcesses()).steps(STEPS);
            String failure = run(steps);
            if (failure != null) {
                List<ModelStep> minimal = shrink(steps);
                StringBuilder report = new StringBuilder("seed " + seed + ": a sequence of " + steps.size()
                        + " steps failed; shrunk to " + minimal.size() + " steps:");
                for (int i = 0; i < minimal.size(); i++) {
                    report.append("\n  ").append(i + 1).append(". ").append(minimal.get(i));
                }
                fail(report.append("\nfailure: ").append(run(minimal)).toString());
            }
        }
    }

    /** Drops chunks of steps, halving the chunk size, while the sequence still fails; bounded in replays. */
    private List<ModelStep> shrink(List<ModelStep> failing) {
        List<ModelStep> current = failing;
        for (int chunk = Math.max(1, current.size() / 2); chunk >= 1; chunk /= 2) {
            for (int from = 0; from < current.size() && replays < MAX_REPLAYS; ) {
                List<ModelStep> candidate = new ArrayList<>(current.subList(0, from));
                candidate.addAll(current.subList(Math.min(current.size(), from + chunk), current.size()));
                replays++;
                if (!candidate.isEmpty() && run(candidate) != null) {
                    current = candidate;
                } else {
                    from += chunk;
                }
            }
        }
        return shrinkBatches(current);
    }

    /** Then drops single guards and operations from the batches of an {@code apply} step while it still fails. */
    private List<ModelStep> shrinkBatches(List<ModelStep> failing) {
        List<ModelStep> current = new ArrayList<>(failing);
        for (int i = 0; i < current.size(); i++) {
            if (!(current.get(i) instanceof ModelStep.Apply a)) {
                continue;
            }
            WriteBatch batch = a.batch();
            for (int part = batch.guards().size() + batch.operations().size() - 1; part >= 0; part--) {
                List<Guard> guards = new ArrayList<>(batch.guards());
                List<WriteOp> ops = new ArrayList<>(batch.operations());
                if (part < guards.size()) {
                    guards.remove(part);
                } else {
                    ops.remove(part - guards.size());
                }
                if ((guards.isEmpty() && ops.isEmpty()) || replays >= MAX_REPLAYS) {
                    continue;
                }
                List<ModelStep> candidate = new ArrayList<>(current);
                candidate.set(i, new ModelStep.Apply(new WriteBatch(guards, ops)));
                replays++;
                if (run(candidate) != null) {
                    current = candidate;
                    batch = ((ModelStep.Apply) candidate.get(i)).batch();
                }
            }
        }
        return current;
    }

    /** Replays {@code steps} on a fresh directory; what went wrong first, or null if nothing did. */
    private String run(List<ModelStep> steps) {
        Path where = dir.resolve("model-" + runs++);
        try {
            Files.createDirectories(where);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Store model = ReferenceStore.fresh();
        List<Store> handles = new ArrayList<>();
        try {
            Store store = tck().openStore(where);
            handles.add(store);
            Store second = null;
            for (int i = 0; i < steps.size(); i++) {
                ModelStep step = steps.get(i);
                Store reader = store;
                if (step instanceof ModelStep.Apply a) {
                    assertEquals(model.apply(a.batch()), store.apply(a.batch()), "result of step " + (i + 1));
                } else if (step instanceof ModelStep.ApplyAll a) {
                    List<WriteResult> expected = model.applyAll(a.batches());
                    assertEquals(expected, store.applyAll(a.batches()), "results of step " + (i + 1));
                } else if (step instanceof ModelStep.Reopen) {
                    store.close();
                    store = tck().openStore(where);
                    handles.add(store);
                    reader = store;
                } else {
                    // One second handle, kept open across later writes, so a cache that goes stale shows.
                    if (second == null) {
                        second = tck().openStore(where);
                        handles.add(second);
                    }
                    reader = second;
                }
                assertEquals(StoreState.of(model), StoreState.of(reader), "state after step " + (i + 1));
                assertEquals(singleReads(model), singleReads(reader), "single-item reads after step " + (i + 1));
            }
            return null;
        } catch (AssertionError | RuntimeException e) {
            return e.toString();
        } finally {
            for (Store h : handles) {
                try {
                    h.close();
                } catch (RuntimeException ignored) {
                    // a handle failing to close is not what this test pins; the sequence verdict stands
                }
            }
        }
    }

    private static List<Object> singleReads(Store s) {
        List<Object> reads = new ArrayList<>();
        ModelGenerator.STREAMS.forEach(x -> reads.add(s.journalHead(x)));
        ModelGenerator.SNAPSHOTS.forEach(x -> reads.add(s.loadSnapshot(x)));
        for (String ns : ModelGenerator.NAMESPACES) {
            ModelGenerator.KEYS.forEach(k -> reads.add(s.getRecord(ns, k).map(v -> HexFormat.of().formatHex(v))));
        }
        ModelGenerator.FENCES.forEach(x -> reads.add(s.readFence(x)));
        return reads;
    }
}
