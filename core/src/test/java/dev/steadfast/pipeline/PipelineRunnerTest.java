package dev.steadfast.pipeline;

import static dev.steadfast.pipeline.RunnerStages.doubling;
import static dev.steadfast.pipeline.RunnerStages.numbers;
import static dev.steadfast.pipeline.RunnerStages.runningSum;
import static dev.steadfast.pipeline.RunnerStages.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.fence.OwnershipException;
import dev.steadfast.spi.Clock;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreIOException;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.tck.ForwardingStore;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The runner: checkpoints by count and by clock, resumes each stage, and outputs exactly once. */
class PipelineRunnerTest {
    private static final String SOURCE = CheckpointLogTest.SOURCE;
    private static final int ITEMS = 50;

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void stagesRunInOrderEachReadingTheOutputOfTheOneBefore(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            PipelineRunner runner = runner(store, new ManualClock(), 7, new ArrayList<>());
            RunReport report = runner.run();
            assertEquals(expectedSums(), values(runner, "sum"));
            assertEquals(2L * ITEMS, report.itemsRead());
            assertEquals(List.of(), report.resumedFrom());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void aStageCheckpointsEveryNRecordsAndOnceAtItsEnd(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            List<Checkpoint> seen = new ArrayList<>();
            runner(store, new ManualClock(), 7, seen).run();
            List<Long> offsets = seen.stream().filter(c -> c.stage().equals("double"))
                    .map(c -> c.watermark().offset()).toList();
            assertEquals(List.of(7L, 14L, 21L, 28L, 35L, 42L, 49L, 50L), offsets);
            assertEquals("double@end", seen.get(7).idempotencyKey());
            assertEquals(new Watermark(50, 490), seen.get(7).watermark());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void aStageCheckpointsOnceTheIntervalHasPassedOnTheClock(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            ManualClock clock = new ManualClock();
            List<Checkpoint> seen = new ArrayList<>();
            Stage slow = Stage.of("slow", (item, out) -> {
                clock.advanceMillis(10); // each item takes 10 ms of the test's clock
                out.emit(item.offset(), item.eventTimeMs(), item.payload());
            });
            PipelineRunner.builder(new Pipelines(store, clock).log("r"), numbers(10)).stage(slow)
                    .checkpointEvery(1_000, Duration.ofMillis(30)).onCheckpoint(seen::add).build().run();
            assertEquals(List.of(3L, 6L, 9L, 10L), seen.stream().map(c -> c.watermark().offset()).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void runFailingMidwayResumesEachStageFromItsResumePointAndOutputsExactlyOnce(Backend backend,
                                                                               @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            // each run claims (batch 1), then checkpoints: fail in double, at the start of sum, midway through sum
            for (int failAt : new int[] {3, 9, 5}) {
                Store failing = failingOnBatch(store, failAt);
                assertThrows(StoreIOException.class,
                        () -> runner(failing, new ManualClock(), 7, new ArrayList<>()).run());
            }
            PipelineRunner last = runner(store, new ManualClock(), 7, new ArrayList<>());
            RunReport report = last.run();
            assertEquals(expectedSums(), values(last, "sum"));
            assertEquals(List.of("double"), report.alreadyDone());
            ResumePoint sum = report.resumedFrom().get(0);
            assertEquals("sum", sum.stage());
            assertEquals(ITEMS - sum.watermark().offset(), report.itemsRead(), "only what the checkpoint left");
            assertTrue(sum.watermark().offset() > 0, sum.label());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void aFinishedPipelineRunAgainReadsNothingAndChangesNothing(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            runner(store, new ManualClock(), 7, new ArrayList<>()).run();
            String chain = Checkpoint.chainSignature(new Pipelines(store, new ManualClock()).log("r").chain());
            PipelineRunner again = runner(store, new ManualClock(), 7, new ArrayList<>());
            RunReport report = again.run();
            assertEquals(new RunReport(0, 0, List.of(), List.of("double", "sum")), report);
            assertEquals(chain, Checkpoint.chainSignature(new Pipelines(store, new ManualClock()).log("r").chain()));
            assertEquals(expectedSums(), values(again, "sum"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void aRunnerWhoseRunWasClaimedByAnotherInstanceStopsWithoutWriting(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            Pipelines pipelines = new Pipelines(store, new ManualClock());
            CheckpointLog stale = pipelines.claim("r", "a").orElseThrow();
            pipelines.claim("r", "b").orElseThrow();
            PipelineRunner runner = PipelineRunner.builder(stale, numbers(ITEMS)).stage(doubling()).build();
            OwnershipException e = assertThrows(OwnershipException.class, runner::run);
            assertEquals("superseded", e.error().label());
            assertEquals(List.of(), store.listNamespaces("pipeline/r/out/"));
        }
    }

    private static PipelineRunner runner(Store store, Clock clock, int every, List<Checkpoint> seen) {
        return PipelineRunner.builder(new Pipelines(store, clock).claim("r", "worker").orElseThrow(), numbers(ITEMS))
                .stage(doubling()).stage(runningSum())
                .checkpointEvery(every, Duration.ofDays(1)).onCheckpoint(seen::add).build();
    }

    private static List<Long> expectedSums() {
        List<Long> sums = new ArrayList<>();
        long sum = 0;
        for (long i : LongStream.range(0, ITEMS).toArray()) {
            sum += 2 * i;
            sums.add(sum);
        }
        sums.add(-sum);
        return sums;
    }

    /** {@code store}, except that its {@code n}-th batch fails without being written, like a lost disk. */
    private static Store failingOnBatch(Store store, int n) {
        return new ForwardingStore(store) {
            private int batches;

            @Override
            public WriteResult apply(WriteBatch batch) {
                if (++batches == n) {
                    throw new StoreIOException("injected: batch " + n + " lost");
                }
                return super.apply(batch);
            }

            @Override
            public void close() {
            }
        };
    }
}
