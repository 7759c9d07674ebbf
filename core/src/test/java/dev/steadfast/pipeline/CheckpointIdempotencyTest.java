package dev.steadfast.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.tck.ForwardingStore;
import dev.steadfast.testing.Backend;
import dev.steadfast.testing.CountingStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A repeated idempotency key returns the stored checkpoint and writes nothing: at once, after a restart, in a race. */
class CheckpointIdempotencyTest {
    private static final String SOURCE = CheckpointLogTest.SOURCE;

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void repeatedKeyReturnsTheStoredCheckpointAndWritesNothingNotEvenItsEffects(Backend backend,
                                                                              @TempDir Path dir) {
        try (CountingStore store = new CountingStore(backend.open(dir))) {
            ManualClock clock = new ManualClock(100);
            CheckpointLog log = new Pipelines(store, clock).log("r");
            Checkpoint first = log.record("parse", 1, new Watermark(10, 10), "p@10").orElseThrow();
            clock.advanceMillis(50);
            store.reset();
            CheckpointResult again = log.record("parse", 2, new Watermark(20, 20), "p@10", List.of(
                    new WriteOp.PutRecord("sink", RecordKey.of("x"), new byte[] {1})));
            assertEquals(new CheckpointResult.AlreadyRecorded(first), again);
            assertEquals("already_recorded", again.label());
            assertEquals(List.of(), store.batches(), "a repeated key applies no batch");
            assertEquals(List.of(first), log.chain());
            assertEquals(Optional.empty(), store.getRecord("sink", RecordKey.of("x")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void repeatedKeyAfterReopeningTheStoreReturnsTheStoredCheckpoint(Backend backend, @TempDir Path dir) {
        assumeTrue(backend.durable(), "memory: does not survive a reopen");
        Checkpoint first;
        try (Store store = backend.open(dir)) {
            first = new Pipelines(store, new ManualClock(100)).log("r")
                    .record("parse", 1, new Watermark(10, 10), "p@10").orElseThrow();
        }
        try (Store store = backend.open(dir)) {
            CheckpointLog log = new Pipelines(store, new ManualClock(900)).log("r");
            assertEquals(new CheckpointResult.AlreadyRecorded(first),
                    log.record("parse", 1, new Watermark(10, 10), "p@10"));
            assertEquals(1, store.journalHead(PipelineNames.journal("r")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void writerThatLosesTheRaceOnAKeyReturnsTheWinnersCheckpoint(Backend backend, @TempDir Path dir) {
        try (Store real = backend.open(dir)) {
            CheckpointLog winner = new Pipelines(real, new ManualClock(1)).log("r");
            List<CheckpointResult> winnerResults = new ArrayList<>();
            // The loser has read the key (absent) and the head; the winner commits before the loser's batch lands.
            Store interleaved = beforeFirstApply(real, () -> winnerResults.add(
                    winner.record("parse", 1, new Watermark(10, 10), "p@10")));
            CheckpointLog loser = new Pipelines(interleaved, new ManualClock(2)).log("r");
            CheckpointResult lost = loser.record("parse", 1, new Watermark(10, 10), "p@10");
            Checkpoint won = assertInstanceOf(CheckpointResult.Recorded.class, winnerResults.get(0)).checkpoint();
            assertEquals(new CheckpointResult.AlreadyRecorded(won), lost);
            assertEquals(1, won.atMs(), "the stored checkpoint is the winner's");
            assertEquals(List.of(won), winner.chain());
            assertEquals(1, real.journalHead(PipelineNames.journal("r")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void writerThatLosesTheRaceIsValidatedAgainstTheWinnersCheckpoint(Backend backend, @TempDir Path dir) {
        try (Store real = backend.open(dir)) {
            CheckpointLog winner = new Pipelines(real, new ManualClock()).log("r");
            Store interleaved = beforeFirstApply(real, () ->
                    winner.record("parse", 1, new Watermark(10, 10), "winner").orElseThrow());
            CheckpointResult lost = new Pipelines(interleaved, new ManualClock()).log("r")
                    .record("parse", 1, new Watermark(10, 10), "loser");
            assertEquals(new CheckpointResult.Rejected("r", "parse", "sequence", 1, 1), lost);
            assertEquals(List.of("winner"), winner.chain().stream().map(Checkpoint::idempotencyKey).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void threadsRacingOnOneKeyStoreOneCheckpointAndAllReturnIt(Backend backend, @TempDir Path dir)
            throws Exception {
        int writers = 4;
        try (Store store = backend.open(dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<CheckpointResult>> results = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    long at = w;
                    CheckpointLog log = new Pipelines(store, new ManualClock(at)).log("r");
                    results.add(pool.submit(() -> {
                        start.await();
                        return log.record("parse", 1, new Watermark(10, 10), "p@10");
                    }));
                }
                start.countDown();
                List<Checkpoint> seen = new ArrayList<>();
                int recorded = 0;
                for (Future<CheckpointResult> f : results) {
                    CheckpointResult r = f.get(60, TimeUnit.SECONDS);
                    recorded += r instanceof CheckpointResult.Recorded ? 1 : 0;
                    seen.add(r.orElseThrow());
                }
                assertEquals(1, recorded, "exactly one writer records the key");
                assertTrue(seen.stream().allMatch(seen.get(0)::equals), "every writer returns the same: " + seen);
                assertEquals(1, store.journalHead(PipelineNames.journal("r")));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** {@code real}, except that {@code interloper} runs (on the real store) just before the first batch applies. */
    static Store beforeFirstApply(Store real, Runnable interloper) {
        return new ForwardingStore(real) {
            private boolean done;

            @Override
            public WriteResult apply(WriteBatch batch) {
                if (!done) {
                    done = true;
                    interloper.run();
                }
                return super.apply(batch);
            }

            @Override
            public void close() {
                // the real store is closed by its owner
            }
        };
    }
}
