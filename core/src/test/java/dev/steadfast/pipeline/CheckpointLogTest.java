package dev.steadfast.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.testing.Backend;
import dev.steadfast.testing.CountingStore;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Recording and reading a run's checkpoints, on every backend. */
class CheckpointLogTest {
    static final String SOURCE = "dev.steadfast.testing.Backends#all";

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void recordedCheckpointIsTheLatestAndTheLatestForItsStage(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            CheckpointLog log = new Pipelines(store, new ManualClock(1_000)).log("run-1");
            Checkpoint parse = log.record("parse", 1, new Watermark(10, 100), "parse@10").orElseThrow();
            Checkpoint enrich = log.record("enrich", 1, new Watermark(4, 90), "enrich@4").orElseThrow();
            assertEquals(new Checkpoint("run-1", "parse", 1, new Watermark(10, 100), "parse@10", 1_000), parse);
            assertEquals(Optional.of(enrich), log.latest());
            assertEquals(Optional.of(parse), log.latestForStage("parse"));
            assertEquals(List.of(parse, enrich), log.chain());
            assertEquals(List.of("enrich", "parse"), log.stages());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void resumePointIsTheStagesLatestSequenceAndWatermark(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            CheckpointLog log = new Pipelines(store, new ManualClock()).log("run-1");
            log.record("parse", 1, new Watermark(10, 100), "p1");
            log.record("parse", 2, new Watermark(20, 150), "p2");
            log.record("enrich", 7, new Watermark(3, 30), "e7");
            assertEquals(new ResumePoint("run-1", "parse", 2, new Watermark(20, 150)),
                    log.resumePointForStage("parse"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void resumePointOfAStageWithoutCheckpointsIsAnErrorNamingTheStage(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            CheckpointLog log = new Pipelines(store, new ManualClock()).log("run-1");
            log.record("parse", 1, new Watermark(10, 100), "p1");
            NoSuchElementException e = assertThrows(NoSuchElementException.class,
                    () -> log.resumePointForStage("aggregate"));
            assertEquals("run 'run-1' has no checkpoint for stage 'aggregate'; stages with checkpoints: [parse]",
                    e.getMessage());
            assertEquals(Optional.empty(), log.latestForStage("aggregate"));
            assertEquals(Optional.empty(), new Pipelines(store, new ManualClock()).log("other").latest());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void stagesWhoseNamesShareAPrefixKeepSeparateChains(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            CheckpointLog log = new Pipelines(store, new ManualClock()).log("run-1");
            log.record("a", 5, new Watermark(10, 100), "a5");
            log.record("ab", 1, new Watermark(1, 1), "ab1");
            assertEquals(5, log.resumePointForStage("a").sequence());
            assertEquals(1, log.resumePointForStage("ab").sequence());
            assertEquals(List.of(), new Pipelines(store, new ManualClock()).log("run-10").chain());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void retentionKeepsTheLastCheckpointsOfEachStageAndRemovesOlderOnesInTheSameBatch(Backend backend,
                                                                                        @TempDir Path dir) {
        try (CountingStore store = new CountingStore(backend.open(dir))) {
            Pipelines pipelines = new Pipelines(store, new ManualClock(), new PipelineOptions(3),
                    dev.steadfast.fence.FenceTokens.unkeyed());
            CheckpointLog log = pipelines.log("run-1");
            log.record("other", 1, new Watermark(0, 0), "o1");
            for (int i = 1; i <= 5; i++) {
                store.reset();
                log.record("parse", i, new Watermark(i, i), "p" + i);
                assertEquals(1, store.batches().size(), "checkpoint " + i + " is one batch");
            }
            assertEquals(List.of(3L, 4L, 5L), log.forStage("parse").stream().map(Checkpoint::sequence).toList());
            assertEquals(1, log.forStage("other").size());
            assertEquals(Optional.empty(), log.forKey("p1"), "a key leaves with its checkpoint");
            assertEquals(3, log.forKey("p3").orElseThrow().sequence());
            assertEquals(1, log.forKey("o1").orElseThrow().sequence(), "other stages keep their keys");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void latestSurvivesReopeningTheStore(Backend backend, @TempDir Path dir) {
        org.junit.jupiter.api.Assumptions.assumeTrue(backend.durable(), "memory: does not survive a reopen");
        Checkpoint written;
        try (Store store = backend.open(dir)) {
            CheckpointLog log = new Pipelines(store, new ManualClock(5)).log("run-1");
            log.record("parse", 1, new Watermark(1, 1), "p1");
            written = log.record("parse", 2, new Watermark(2, 2), "p2").orElseThrow();
        }
        try (Store store = backend.open(dir)) {
            CheckpointLog log = new Pipelines(store, new ManualClock()).log("run-1");
            assertEquals(Optional.of(written), log.latest());
            assertEquals(written.resumePoint(), log.resumePointForStage("parse"));
            assertTrue(log.chain().contains(written));
        }
    }
}
