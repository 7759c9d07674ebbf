package dev.steadfast.benchmarks.sqlite;

import dev.steadfast.Steadfast;
import dev.steadfast.pipeline.Emitter;
import dev.steadfast.pipeline.Item;
import dev.steadfast.pipeline.PipelineRunner;
import dev.steadfast.pipeline.Pipelines;
import dev.steadfast.pipeline.RunReport;
import dev.steadfast.pipeline.Source;
import dev.steadfast.pipeline.Stage;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pipeline throughput on SQLite, in items per second: a two-stage pipeline (decode, then a running total per block
 * of 100 items) over {@value #ITEMS} generated items, each invocation a fresh run through {@link PipelineRunner}
 * with its output in the store's idempotent sink.
 *
 * <p>{@code every1000}: a checkpoint (output, state and checkpoint in one fenced batch) every 1,000 items of each
 * stage. {@code none}, the baseline: the same runner, stages and sink with the checkpoint interval out of reach,
 * so each stage commits once, at its end, in one batch. The goal is {@code every1000 / none >= 0.9}.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar SqlitePipelineBenchmark -wi 3 -w 5s -i 5 -r 5s -f 1</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@State(Scope.Benchmark)
public class SqlitePipelineBenchmark {
    static final int ITEMS = 10_000;

    /** {@code every1000} or {@code none}. */
    @Param({"every1000", "none"})
    public String checkpoints;

    private SqliteBench bench;
    private Steadfast steadfast;
    private Pipelines pipelines;
    private int runs;

    @Setup(Level.Trial)
    public void setUp() {
        bench = new SqliteBench();
        steadfast = bench.steadfast();
        pipelines = new Pipelines(steadfast.store(), steadfast.clock());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        bench.close();
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public RunReport pipeline() {
        int every = checkpoints.equals("every1000") ? 1_000 : Integer.MAX_VALUE;
        PipelineRunner runner = PipelineRunner.builder(
                        pipelines.claim("bench-" + runs++, "bench").orElseThrow(), source())
                .stage(decode()).stage(blockTotals())
                .checkpointEvery(every, Duration.ofDays(365))
                .build();
        return runner.run();
    }

    private static Source source() {
        return offset -> LongStream.range(offset, ITEMS)
                .mapToObj(i -> new Item(i, i + 1, 1_700_000_000_000L + i, ByteBuffer.allocate(16)
                        .putLong(i).putLong(i * 31 % 1_000).array()));
    }

    private static Stage decode() {
        return Stage.of("decode", (item, out) -> {
            ByteBuffer b = ByteBuffer.wrap(item.payload());
            b.getLong();
            out.emit(item.offset(), item.eventTimeMs(), ByteBuffer.allocate(8).putLong(b.getLong()).array());
        });
    }

    private static Stage blockTotals() {
        return new Stage() {
            private long total;

            @Override
            public String name() {
                return "totals";
            }

            @Override
            public void accept(Item item, Emitter out) {
                total += ByteBuffer.wrap(item.payload()).getLong();
                if (item.offset() % 100 == 99) {
                    out.emit(item.offset() / 100, item.eventTimeMs(), ByteBuffer.allocate(8).putLong(total).array());
                    total = 0;
                }
            }

            @Override
            public byte[] state() {
                return ByteBuffer.allocate(8).putLong(total).array();
            }

            @Override
            public void restore(byte[] state) {
                total = ByteBuffer.wrap(state).getLong();
            }
        };
    }
}
