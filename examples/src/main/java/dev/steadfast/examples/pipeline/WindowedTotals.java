package dev.steadfast.examples.pipeline;

import dev.steadfast.Steadfast;
import dev.steadfast.pipeline.CheckpointLog;
import dev.steadfast.pipeline.Item;
import dev.steadfast.pipeline.PipelineRunner;
import dev.steadfast.pipeline.Pipelines;
import dev.steadfast.pipeline.RunReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A three-stage pipeline that survives {@code kill -9}: parse event lines, enrich them with a region, total them
 * per region and event-time window (a watermark closes the windows), and write the totals to a file.
 *
 * <p>Every stage checkpoints its progress, its state and its output in one batch; started again after a crash,
 * each stage resumes from its last checkpoint, and the output file comes out byte for byte as from a run that
 * never crashed. The file is written from the committed output, through a temporary file and an atomic rename,
 * so a crash while writing it leaves the old file or none, never half of one.
 *
 * <pre>
 * java dev.steadfast.examples.pipeline.WindowedTotals sqlite:./totals.db events.csv totals.csv [every]
 * </pre>
 */
public final class WindowedTotals {
    static final String RUN = "windowed-totals";

    private WindowedTotals() {
    }

    /** Runs (or resumes) the pipeline; prints one line per checkpoint and {@code done} at the end. */
    public static void main(String[] args) throws IOException {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: WindowedTotals <store-uri> <input-file> <output-file> [checkpoint-every]");
            System.exit(2);
        }
        int every = args.length == 4 ? Integer.parseInt(args[3]) : 100;
        RunReport report = run(args[0], Path.of(args[1]), Path.of(args[2]), every,
                line -> System.out.println(line));
        System.out.println("done " + report);
    }

    /** Runs the pipeline on the store at {@code uri}, reporting each checkpoint's label to {@code progress}. */
    public static RunReport run(String uri, Path input, Path output, int every, Consumer<String> progress)
            throws IOException {
        try (Steadfast steadfast = Steadfast.open(uri)) {
            Pipelines pipelines = new Pipelines(steadfast.store(), steadfast.clock());
            // Each start takes the run over at a new epoch: whatever an earlier process left running is fenced out.
            CheckpointLog log = pipelines.claim(RUN, "pid-" + ProcessHandle.current().pid()).orElseThrow();
            PipelineRunner runner = PipelineRunner.builder(log, new LineSource(input, Events::eventTime))
                    .stage(EventStages.parse())
                    .stage(EventStages.enrich())
                    .stage(new WindowStage())
                    .checkpointEvery(every, Duration.ofMillis(500))
                    .onCheckpoint(c -> progress.accept("checkpoint " + c.label()))
                    .build();
            RunReport report = runner.run();
            write(runner, output);
            return report;
        }
    }

    private static void write(PipelineRunner runner, Path output) throws IOException {
        Path temp = output.resolveSibling(output.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp); Stream<Item> totals = runner.output("aggregate")) {
            for (var it = totals.iterator(); it.hasNext(); ) {
                out.write(it.next().payload());
                out.write('\n');
            }
        }
        try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
