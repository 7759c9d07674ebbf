package dev.steadfast.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.testing.Backend;
import dev.steadfast.testing.CountingStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Listing runs and deleting one: everything of the run in one guarded batch, refused while another owns it. */
class RunDeletionTest {
    private static final String SOURCE = CheckpointLogTest.SOURCE;

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void runsListsTheRunsWithCheckpointsInIdOrder(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            Pipelines pipelines = new Pipelines(store, new ManualClock());
            assertEquals(List.of(), pipelines.runs());
            pipelines.log("r2").record("parse", 1, new Watermark(1, 1), "k");
            pipelines.log("r1").record("parse", 1, new Watermark(1, 1), "k");
            runWithOutput(pipelines.log("r10"), "chain"); // a stage named like the chain namespace is no run
            assertEquals(List.of("r1", "r10", "r2"), pipelines.runs());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void deleteRemovesCheckpointsKeysStateAndOutputInOneBatch(Backend backend, @TempDir Path dir) {
        try (CountingStore store = new CountingStore(backend.open(dir))) {
            Pipelines pipelines = new Pipelines(store, new ManualClock());
            CheckpointLog log = pipelines.log("r");
            runWithOutput(log, "parse");
            log.record("other", 1, new Watermark(1, 1), "o1").orElseThrow();
            store.reset();

            assertEquals(new RunDeletion.Deleted("r", 2), pipelines.delete("r"));
            assertEquals(1, store.batches().size(), "the delete is one batch");
            assertEquals(List.of(), store.listNamespaces("pipeline/r/"), "chain, keys, state and output are gone");
            assertEquals(List.of(), log.chain());
            assertEquals(Optional.empty(), log.latest());
            assertEquals(Optional.empty(), log.forKey("o1"));
            assertEquals(List.of(), pipelines.runs());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void deletingARunLeavesTheRunWhoseIdItPrefixes(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            Pipelines pipelines = new Pipelines(store, new ManualClock());
            runWithOutput(pipelines.log("r"), "parse");
            Checkpoint kept = runWithOutput(pipelines.log("r1"), "parse");
            assertEquals("deleted", pipelines.delete("r").label());
            assertEquals(List.of("r1"), pipelines.runs());
            assertEquals(List.of(kept), pipelines.log("r1").chain());
            assertEquals(2, outputCount(store, "r1", "parse"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void deleteIsRefusedWhileAnotherInstanceOwnsTheRunAndChangesNothing(Backend backend, @TempDir Path dir) {
        try (CountingStore store = new CountingStore(backend.open(dir))) {
            Pipelines pipelines = new Pipelines(store, new ManualClock());
            CheckpointLog first = pipelines.claim("r", "worker-a").orElseThrow();
            runWithOutput(first, "parse");
            CheckpointLog second = pipelines.claim("r", "worker-b").orElseThrow();
            String before = Checkpoint.chainSignature(second.chain());
            store.reset();

            RunDeletion unowned = pipelines.delete("r");
            assertEquals(new RunDeletion.Refused("r", "worker-b", 2), unowned);
            assertEquals("run 'r' is owned by 'worker-b' at epoch 2; nothing was deleted",
                    ((RunDeletion.Refused) unowned).message());
            assertEquals(new RunDeletion.Refused("r", "worker-b", 2), first.delete(), "a superseded instance");
            assertEquals(before, Checkpoint.chainSignature(second.chain()));
            assertEquals(2, outputCount(store, "r", "parse"));
            assertEquals(List.of("r"), pipelines.runs());
            assertEquals(1, store.batches().size(), "only the superseded instance's guarded batch reached the store");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void ownerDeletesItsRunAndEveryInstanceThatHeldItIsFencedOut(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            Pipelines pipelines = new Pipelines(store, new ManualClock());
            CheckpointLog owner = pipelines.claim("r", "worker-a").orElseThrow();
            runWithOutput(owner, "parse");
            assertEquals(new RunDeletion.Deleted("r", 1), owner.delete());

            CheckpointResult late = owner.record("parse", 2, new Watermark(9, 9), "late");
            assertInstanceOf(CheckpointResult.Fenced.class, late, "the deleter itself cannot revive the run");
            assertEquals(List.of(), pipelines.runs());
            CheckpointLog next = pipelines.claim("r", "worker-b").orElseThrow();
            assertEquals(3, next.fence().orElseThrow().epoch(), "the fence moved on, never back to 1");
            assertEquals("recorded", next.record("parse", 1, new Watermark(1, 1), "p@2").label(),
                    "a new run under the id starts empty: its old key and sequence are gone");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void checkpointCommittedWhileTheDeleteListedIsDeletedToo(Backend backend, @TempDir Path dir) {
        try (Store real = backend.open(dir)) {
            Pipelines pipelines = new Pipelines(real, new ManualClock());
            runWithOutput(pipelines.log("r"), "parse");
            // Lands between the delete's listing and its batch, in a namespace the delete did not list.
            Store interleaved = CheckpointIdempotencyTest.beforeFirstApply(real,
                    () -> runWithOutput(pipelines.log("r"), "enrich"));
            assertEquals(new RunDeletion.Deleted("r", 2), new Pipelines(interleaved, new ManualClock()).delete("r"));
            assertEquals(List.of(), real.listNamespaces("pipeline/r/"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void logWhoseViewPredatesADeleteRecordsIntoTheEmptyRun(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            Pipelines pipelines = new Pipelines(store, new ManualClock());
            CheckpointLog stale = pipelines.log("r");
            stale.record("parse", 5, new Watermark(5, 5), "p5").orElseThrow();
            pipelines.delete("r");
            assertEquals("recorded", stale.record("parse", 1, new Watermark(1, 1), "p5").label(),
                    "neither the deleted key nor the deleted sequence is held against it");
            assertEquals(List.of(1L), stale.forStage("parse").stream().map(Checkpoint::sequence).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void deleteSurvivesReopeningTheStore(Backend backend, @TempDir Path dir) {
        assumeTrue(backend.durable(), "memory: does not survive a reopen");
        try (Store store = backend.open(dir)) {
            Pipelines pipelines = new Pipelines(store, new ManualClock());
            runWithOutput(pipelines.log("r"), "parse");
            pipelines.delete("r");
        }
        try (Store store = backend.open(dir)) {
            assertEquals(List.of(), new Pipelines(store, new ManualClock()).runs());
            assertEquals(List.of(), store.listNamespaces("pipeline/r/"));
            assertEquals(Optional.empty(), new Pipelines(store, new ManualClock()).log("r").latest());
        }
    }

    /** Records one checkpoint of {@code stage} with two output records and a state, as the runner does. */
    private static Checkpoint runWithOutput(CheckpointLog log, String stage) {
        return log.record(stage, 1, new Watermark(2, 2), stage + "@2", List.of(
                StageOutput.put(log.runId(), stage, 0, 1, new byte[] {1}),
                StageOutput.put(log.runId(), stage, 1, 2, new byte[] {2}),
                StageOutput.putState(log.runId(), stage, new byte[] {3}))).orElseThrow();
    }

    private static long outputCount(Store store, String runId, String stage) {
        try (var items = StageOutput.read(store, runId, stage, 0)) {
            return items.count();
        }
    }
}
