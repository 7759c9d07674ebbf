package dev.steadfast.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The invariants a checkpoint must keep, and that breaking one writes nothing. */
class CheckpointValidationTest {
    private static final String SOURCE = CheckpointLogTest.SOURCE;
    private static final List<WriteOp> EFFECT = List.of(new WriteOp.PutRecord("sink", RecordKey.of("k"),
            new byte[] {1}));

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void sequenceThatDoesNotIncreaseIsRejectedNamingPreviousAndNewAndWritesNothing(Backend backend,
                                                                                 @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            CheckpointLog log = seeded(store);
            String before = Checkpoint.chainSignature(log.chain());
            CheckpointResult result = log.record("parse", 5, new Watermark(60, 600), "again", EFFECT);
            CheckpointResult.Rejected rejected = assertInstanceOf(CheckpointResult.Rejected.class, result);
            assertEquals("run 'r' stage 'parse': sequence must increase, previous 5, new 5", rejected.message());
            assertNothingWritten(store, log, before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void watermarkOffsetGoingBackwardsIsRejectedNamingPreviousAndNewAndWritesNothing(Backend backend,
                                                                                   @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            CheckpointLog log = seeded(store);
            String before = Checkpoint.chainSignature(log.chain());
            CheckpointResult result = log.record("parse", 6, new Watermark(49, 600), "again", EFFECT);
            assertEquals("run 'r' stage 'parse': watermark offset must not go backwards, previous 50, new 49",
                    assertInstanceOf(CheckpointResult.Rejected.class, result).message());
            assertNothingWritten(store, log, before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void watermarkEventTimeGoingBackwardsIsRejectedNamingPreviousAndNewAndWritesNothing(Backend backend,
                                                                                      @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            CheckpointLog log = seeded(store);
            String before = Checkpoint.chainSignature(log.chain());
            CheckpointResult result = log.record("parse", 6, new Watermark(50, 499), "again", EFFECT);
            assertEquals("run 'r' stage 'parse': watermark event time must not go backwards, previous 500, new 499",
                    assertInstanceOf(CheckpointResult.Rejected.class, result).message());
            assertEquals("rejected", result.label());
            assertNothingWritten(store, log, before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void anEqualWatermarkWithAHigherSequenceIsAccepted(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            CheckpointLog log = seeded(store);
            assertEquals("recorded", log.record("parse", 6, new Watermark(50, 500), "same-wm").label());
            assertEquals("recorded", log.record("enrich", 1, new Watermark(0, 0), "other-stage").label());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void badArgumentsAreRefusedNamingTheFieldAndTheValueBeforeAnythingIsWritten(Backend backend,
                                                                              @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            CheckpointLog log = seeded(store);
            String before = Checkpoint.chainSignature(log.chain());
            assertEquals("checkpoint sequence must be >= 0, was -1", assertThrows(IllegalArgumentException.class,
                    () -> log.record("parse", -1, new Watermark(60, 600), "k")).getMessage());
            assertEquals("watermark offset must be >= 0, was -3", assertThrows(IllegalArgumentException.class,
                    () -> new Watermark(-3, 0)).getMessage());
            assertEquals("watermark event time must be >= 0, was -4", assertThrows(IllegalArgumentException.class,
                    () -> new Watermark(0, -4)).getMessage());
            assertEquals("stage must not be empty", assertThrows(IllegalArgumentException.class,
                    () -> log.record("", 6, new Watermark(60, 600), "k")).getMessage());
            assertEquals("idempotency key must not be empty", assertThrows(IllegalArgumentException.class,
                    () -> log.record("parse", 6, new Watermark(60, 600), "")).getMessage());
            assertEquals("stage must not contain '/': 'a/b'", assertThrows(IllegalArgumentException.class,
                    () -> log.record("a/b", 6, new Watermark(60, 600), "k")).getMessage());
            assertEquals("run id must not contain '/': 'r/out/x'", assertThrows(IllegalArgumentException.class,
                    () -> new Pipelines(store, new ManualClock()).log("r/out/x")).getMessage());
            assertEquals("run id must not be empty", assertThrows(IllegalArgumentException.class,
                    () -> new Pipelines(store, new ManualClock()).log("")).getMessage());
            assertEquals("checkpoint time must be >= 0, was -1", assertThrows(IllegalArgumentException.class,
                    () -> new Checkpoint("r", "s", 0, Watermark.START, "k", -1)).getMessage());
            assertNothingWritten(store, log, before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void clockBeforeTheEpochIsRefusedAndWritesNothing(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            CheckpointLog good = seeded(store);
            String before = Checkpoint.chainSignature(good.chain());
            dev.steadfast.spi.Clock broken = new dev.steadfast.spi.ManualClock(-10);
            CheckpointLog log = new Pipelines(store, broken).log("r");
            assertEquals("checkpoint time must be >= 0, was -10", assertThrows(IllegalArgumentException.class,
                    () -> log.record("parse", 6, new Watermark(60, 600), "k", EFFECT)).getMessage());
            assertNothingWritten(store, good, before);
        }
    }

    private static CheckpointLog seeded(Store store) {
        CheckpointLog log = new Pipelines(store, new ManualClock(7)).log("r");
        log.record("parse", 5, new Watermark(50, 500), "p5").orElseThrow();
        return log;
    }

    private static void assertNothingWritten(Store store, CheckpointLog log, String signatureBefore) {
        assertEquals(signatureBefore, Checkpoint.chainSignature(log.chain()));
        assertEquals(1, store.journalHead(PipelineNames.journal("r")));
        assertEquals(List.of(), store.listNamespaces("sink"));
        assertEquals(java.util.Optional.empty(), log.forKey("again"));
        assertEquals(java.util.Optional.empty(), log.forKey("k"));
    }
}
