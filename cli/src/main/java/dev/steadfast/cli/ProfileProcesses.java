package dev.steadfast.cli;

import dev.steadfast.harness.ContenderRun;
import dev.steadfast.harness.ProfileResult;
import dev.steadfast.harness.Profiler;
import dev.steadfast.spi.Store;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Profile contenders as child JVMs ({@code profile-worker}) on a store shared across processes: once every child
 * has opened the store, all are told to start at one wall-clock instant; their runs are joined and checked
 * against the journal in this JVM.
 */
final class ProfileProcesses {
    private static final long READY_TIMEOUT_MS = 120_000;
    private static final long START_MARGIN_MS = 300;

    private final String uri;
    private final String namespace;
    private final int contenders;
    private final int rounds;
    private final Duration roundLength;

    ProfileProcesses(String uri, String namespace, int contenders, int rounds, Duration roundLength) {
        this.uri = uri;
        this.namespace = namespace;
        this.contenders = contenders;
        this.rounds = rounds;
        this.roundLength = roundLength;
    }

    ProfileResult run(Store store) throws IOException, InterruptedException {
        List<WriterProcess> workers = new ArrayList<>();
        try {
            for (int c = 0; c < contenders; c++) {
                // the URI may hold a password: in the environment, not on the command line others can read
                workers.add(WriterProcess.start("profile-worker", List.of("--namespace", namespace,
                        "--contender", Integer.toString(c), "--rounds", Integer.toString(rounds),
                        "--round-ms", Long.toString(roundLength.toMillis())),
                        Map.of(ProfileWorkerCommand.STORE_VARIABLE, uri)));
            }
            for (WriterProcess w : workers) {
                if (!w.next(READY_TIMEOUT_MS).filter("READY"::equals).isPresent()) {
                    throw new IOException("a profile contender did not open the store: " + w.firstErrorLine());
                }
            }
            long startAt = System.currentTimeMillis() + START_MARGIN_MS;
            for (WriterProcess w : workers) {
                w.send("GO " + startAt);
            }
            long deadline = startAt + roundLength.toMillis() * rounds + 60_000;
            List<ContenderRun> runs = new ArrayList<>();
            List<String> lost = new ArrayList<>();
            for (int c = 0; c < contenders; c++) {
                collect(workers.get(c), deadline).ifPresentOrElse(runs::add, () -> { });
                if (runs.size() < c + 1) {
                    lost.add("contender c" + c + " printed no result: " + workers.get(c).firstErrorLine());
                }
            }
            ProfileResult combined = Profiler.combine(store, namespace, contenders, rounds, runs);
            List<String> violations = new ArrayList<>(lost);
            violations.addAll(combined.violations());
            return new ProfileResult(contenders, combined.acquisitions(), combined.acquire(), combined.write(),
                    violations);
        } finally {
            for (WriterProcess w : workers) {
                w.close();
            }
        }
    }

    private static Optional<ContenderRun> collect(WriterProcess worker, long deadline) throws InterruptedException {
        List<String> violations = new ArrayList<>();
        for (Optional<String> line = worker.next(Math.max(1, deadline - System.currentTimeMillis()));
             line.isPresent(); line = worker.next(Math.max(1, deadline - System.currentTimeMillis()))) {
            if (line.get().startsWith("VIOLATION ")) {
                violations.add(line.get().substring("VIOLATION ".length()));
            } else if (line.get().startsWith("RUN ")) {
                return Optional.of(ProfileWorkerCommand.decode(line.get().substring("RUN ".length()), violations));
            }
        }
        return Optional.empty();
    }
}
