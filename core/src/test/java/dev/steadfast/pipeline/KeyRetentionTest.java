package dev.steadfast.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.steadfast.fence.FenceTokens;
import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;
import dev.steadfast.tck.ForwardingStore;
import dev.steadfast.testing.Backend;
import dev.steadfast.testing.CountingStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Idempotency keys are kept as long as their checkpoint is retained, and a repeat never writes twice, inside the
 * window or past it; and a log that has seen the run judges its next checkpoint without reading the store.
 */
class KeyRetentionTest {
    private static final String SOURCE = CheckpointLogTest.SOURCE;

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void keyLeavesTheStoreInTheBatchThatRemovesItsCheckpoint(Backend backend, @TempDir Path dir) {
        try (CountingStore store = new CountingStore(backend.open(dir))) {
            CheckpointLog log = retaining(store, 2);
            log.record("parse", 1, new Watermark(1, 1), "p1");
            log.record("parse", 2, new Watermark(2, 2), "p2");
            store.reset();
            log.record("parse", 3, new Watermark(3, 3), "p3");
            assertEquals(1, store.batches().size());
            assertEquals(List.of("p2", "p3"), keys(store));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void repeatedKeyInsideTheWindowReturnsTheStoredCheckpointAndWritesNothing(Backend backend, @TempDir Path dir) {
        try (CountingStore store = new CountingStore(backend.open(dir))) {
            CheckpointLog log = retaining(store, 2);
            for (int i = 1; i <= 5; i++) {
                log.record("parse", i, new Watermark(i, i), "p" + i);
            }
            Checkpoint p4 = log.forKey("p4").orElseThrow();
            store.reset();
            assertEquals(new CheckpointResult.AlreadyRecorded(p4), log.record("parse", 4, new Watermark(4, 4), "p4"));
            assertEquals(List.of(), store.batches());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void repeatedKeyPastTheWindowIsRejectedBySequenceAndWritesNothing(Backend backend, @TempDir Path dir) {
        try (CountingStore store = new CountingStore(backend.open(dir))) {
            CheckpointLog log = retaining(store, 2);
            for (int i = 1; i <= 5; i++) {
                log.record("parse", i, new Watermark(i, i), "p" + i);
            }
            String before = Checkpoint.chainSignature(log.chain());
            store.reset();
            assertEquals(new CheckpointResult.Rejected("r", "parse", "sequence", 5, 1),
                    log.record("parse", 1, new Watermark(1, 1), "p1"));
            assertEquals(List.of(), store.batches());
            assertEquals(before, Checkpoint.chainSignature(log.chain()));
            assertEquals(List.of("p4", "p5"), keys(store));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void windowHoldsAfterReopeningTheStore(Backend backend, @TempDir Path dir) {
        assumeTrue(backend.durable(), "memory: does not survive a reopen");
        try (Store store = backend.open(dir)) {
            CheckpointLog log = retaining(store, 2);
            for (int i = 1; i <= 4; i++) {
                log.record("parse", i, new Watermark(i, i), "p" + i);
            }
        }
        try (Store store = backend.open(dir)) {
            CheckpointLog log = retaining(store, 2);
            assertEquals("already_recorded", log.record("parse", 3, new Watermark(3, 3), "p3").label());
            assertEquals("rejected", log.record("parse", 2, new Watermark(2, 2), "p2").label());
            assertEquals("recorded", log.record("parse", 5, new Watermark(5, 5), "p5").label());
            assertEquals(List.of("p4", "p5"), keys(store));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void warmLogReadsNothingBeforeItsCheckpointBatch(Backend backend, @TempDir Path dir) {
        try (Store real = backend.open(dir)) {
            AtomicInteger reads = new AtomicInteger();
            CheckpointLog log = retaining(readCounting(real, reads), 2);
            log.record("parse", 1, new Watermark(1, 1), "p1").orElseThrow();
            reads.set(0);
            for (int i = 2; i <= 4; i++) {
                assertEquals("recorded", log.record("parse", i, new Watermark(i, i), "p" + i).label());
            }
            assertEquals(0, reads.get(), "checkpoints 2..4 were judged on the log's own view");
            assertEquals(List.of(3L, 4L), log.forStage("parse").stream().map(Checkpoint::sequence).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void logWhoseViewAnotherWriterOvertookJudgesOnTheStoredRun(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            CheckpointLog a = retaining(store, 2);
            CheckpointLog b = retaining(store, 2);
            a.record("parse", 1, new Watermark(1, 1), "p1").orElseThrow();
            Checkpoint byB = b.record("parse", 2, new Watermark(2, 2), "p2").orElseThrow();
            assertEquals(new CheckpointResult.AlreadyRecorded(byB), a.record("parse", 2, new Watermark(2, 2), "p2"));
            b.record("parse", 3, new Watermark(3, 3), "p3").orElseThrow();
            assertEquals(new CheckpointResult.Rejected("r", "parse", "sequence", 3, 3),
                    a.record("parse", 3, new Watermark(3, 3), "other"));
            assertEquals("recorded", a.record("parse", 4, new Watermark(4, 4), "p4").label());
            assertEquals(List.of("p3", "p4"), keys(store));
        }
    }

    private static CheckpointLog retaining(Store store, int perStage) {
        return new Pipelines(store, new ManualClock(), new PipelineOptions(perStage), FenceTokens.unkeyed()).log("r");
    }

    private static List<String> keys(Store store) {
        try (Stream<StoredRecord> records = store.scanRecords(PipelineNames.keysNamespace("r"))) {
            return records.map(r -> new String(r.key().bytes(), java.nio.charset.StandardCharsets.UTF_8)).toList();
        }
    }

    /** {@code real}, counting every read that could inform a checkpoint. */
    private static Store readCounting(Store real, AtomicInteger reads) {
        return new ForwardingStore(real) {
            @Override
            public long journalHead(StreamId stream) {
                reads.incrementAndGet();
                return super.journalHead(stream);
            }

            @Override
            public Optional<byte[]> getRecord(String namespace, RecordKey key) {
                reads.incrementAndGet();
                return super.getRecord(namespace, key);
            }

            @Override
            public Stream<StoredRecord> scanRecords(String namespace, KeyRange range, int limit) {
                reads.incrementAndGet();
                return super.scanRecords(namespace, range, limit);
            }

            @Override
            public void close() {
                // the real store is closed by its owner
            }
        };
    }
}
