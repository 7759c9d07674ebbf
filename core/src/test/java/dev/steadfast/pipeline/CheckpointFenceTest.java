package dev.steadfast.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.fence.OwnershipException;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A checkpoint commits with its effects or not at all, under the run's ownership fence. */
class CheckpointFenceTest {
    private static final String SOURCE = CheckpointLogTest.SOURCE;

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void checkpointAndTheSinksIdempotencyRecordsCommitInOneBatch(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            CheckpointLog log = new Pipelines(store, new ManualClock()).claim("r", "worker-a").orElseThrow();
            log.record("sink", 1, new Watermark(2, 2), "s@2", List.of(
                    new WriteOp.PutRecord("out", RecordKey.ofLong(0), new byte[] {7}),
                    new WriteOp.PutRecord("out", RecordKey.ofLong(1), new byte[] {8}))).orElseThrow();
            assertEquals(7, store.getRecord("out", RecordKey.ofLong(0)).orElseThrow()[0]);
            assertEquals(8, store.getRecord("out", RecordKey.ofLong(1)).orElseThrow()[0]);
            assertEquals(1, log.latestForStage("sink").orElseThrow().sequence());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void supersededInstanceOfTheRunCannotCheckpointNorWriteItsEffects(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            Pipelines pipelines = new Pipelines(store, new ManualClock());
            CheckpointLog first = pipelines.claim("r", "worker-a").orElseThrow();
            first.record("parse", 1, new Watermark(1, 1), "p1").orElseThrow();
            CheckpointLog second = pipelines.claim("r", "worker-b").orElseThrow();
            String before = Checkpoint.chainSignature(second.chain());

            CheckpointResult late = first.record("parse", 2, new Watermark(2, 2), "p2", List.of(
                    new WriteOp.PutRecord("out", RecordKey.ofLong(1), new byte[] {1})));
            CheckpointResult.Fenced fenced = assertInstanceOf(CheckpointResult.Fenced.class, late);
            assertEquals("owner 'worker-a' of fence 'pipeline/r' at epoch 1 was superseded by owner 'worker-b' at"
                    + " epoch 2", fenced.error().message());
            assertThrows(OwnershipException.class, late::orElseThrow);
            assertEquals(before, Checkpoint.chainSignature(second.chain()));
            assertEquals(Optional.empty(), store.getRecord("out", RecordKey.ofLong(1)));
            assertEquals(Optional.empty(), second.forKey("p2"));

            assertEquals("recorded", second.record("parse", 2, new Watermark(2, 2), "p2").label());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void twoInstancesOfOneRunNeverInterleaveCheckpoints(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            Pipelines pipelines = new Pipelines(store, new ManualClock());
            CheckpointLog a = pipelines.claim("r", "a").orElseThrow();
            CheckpointLog b = pipelines.claim("r", "b").orElseThrow();
            for (int i = 1; i <= 3; i++) {
                assertEquals("fenced", a.record("parse", i, new Watermark(i, i), "a" + i).label());
                assertEquals("recorded", b.record("parse", i, new Watermark(i, i), "b" + i).label());
            }
            assertTrue(b.chain().stream().allMatch(c -> c.idempotencyKey().startsWith("b")), b.chain().toString());
        }
    }
}
