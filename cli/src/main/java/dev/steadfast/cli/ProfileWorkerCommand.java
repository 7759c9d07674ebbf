package dev.steadfast.cli;

import dev.steadfast.Steadfast;
import dev.steadfast.harness.ContenderRun;
import dev.steadfast.harness.Profiler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * One contender of {@code certify --profile} on a store shared across processes, run in a JVM of its own. Opens
 * the store and prints {@code READY}; reads {@code GO <start epoch millis>} from standard input (so that a slow
 * JVM start does not eat into the first round); runs; prints {@code VIOLATION <text>} lines, then one line
 * {@code RUN <contender>;<acquisitions>;<acquire nanos>;<write nanos>;<seq:epoch,...>} (lists comma-separated)
 * that {@link #decode} reads back.
 */
@Command(name = "profile-worker", hidden = true, mixinStandardHelpOptions = true,
        description = "Internal: one contender of 'steadfast certify --profile', run in a child JVM.")
final class ProfileWorkerCommand implements Callable<Integer> {
    /** The environment variable the store URI comes in: a password in it stays off the command line. */
    static final String STORE_VARIABLE = "STEADFAST_PROFILE_STORE";

    @Mixin
    Verbosity verbosity;

    @Option(names = "--namespace", required = true, description = "The harness namespace.")
    String namespace;

    @Option(names = "--contender", required = true, description = "This contender's index.")
    int contender;

    @Option(names = "--rounds", required = true, description = "Rounds.")
    int rounds;

    @Option(names = "--round-ms", required = true, description = "Round length.")
    long roundMs;

    @Override
    public Integer call() throws IOException {
        ContenderRun run;
        String store = System.getenv(STORE_VARIABLE);
        if (store == null) {
            throw new CommandFailure(ExitCodes.USAGE, "environment variable " + STORE_VARIABLE + " names no store");
        }
        try (Steadfast steadfast = Steadfast.open(store)) {
            System.out.println("READY");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String go = in.readLine();
            if (go == null || !go.startsWith("GO ")) {
                return ExitCodes.INTERNAL;
            }
            DemoWriterCommand.exitWhenParentLeaves(System.in);
            run = Profiler.contend(steadfast.store(), namespace, contender, rounds, Duration.ofMillis(roundMs),
                    Long.parseLong(go.substring(3).strip()));
        }
        run.violations().forEach(v -> System.out.println("VIOLATION " + v.replace('\n', ' ')));
        System.out.println("RUN " + encode(run));
        System.out.flush();
        return ExitCodes.OK;
    }

    static String encode(ContenderRun run) {
        return run.contender() + ";" + join(run.acquisitions()) + ";" + join(run.acquireNanos()) + ";"
                + join(run.writeNanos()) + ";" + run.acked().entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
    }

    /** The run a worker printed, with the violations it printed before. */
    static ContenderRun decode(String runLine, List<String> violations) {
        String[] f = runLine.split(";", -1);
        Map<Long, Long> acked = new HashMap<>();
        for (String pair : f[4].isEmpty() ? new String[0] : f[4].split(",")) {
            String[] kv = pair.split(":");
            acked.put(Long.parseLong(kv[0]), Long.parseLong(kv[1]));
        }
        return new ContenderRun(Integer.parseInt(f[0]), longs(f[1]), longs(f[2]), longs(f[3]), acked, violations);
    }

    private static String join(List<Long> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static List<Long> longs(String csv) {
        return csv.isEmpty() ? new ArrayList<>()
                : Arrays.stream(csv.split(",")).map(Long::parseLong).collect(Collectors.toList());
    }
}
