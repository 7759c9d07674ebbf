package dev.steadfast.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pipeline in a child JVM, killed with SIGKILL ({@code kill -9}) 20 times at random checkpoints spread over all
 * three stages and started again each time, then run to the end: its output file is byte for byte the output of
 * a run that never crashed.
 *
 * <p>The kill points are random but come from one seed, printed with them; rerun a failure with
 * {@code -Dsteadfast.pipeline.crashSeed=SEED}.
 */
class KilledPipelineTest {
    private static final int EVENTS = 1_500;
    private static final int EVERY = 25;
    private static final List<String> STAGES = List.of("parse", "enrich", "aggregate");
    /** Checkpoints per stage: one every {@link #EVERY} items and one at its end (more if the 500 ms timer fires). */
    private static final int PER_STAGE = EVENTS / EVERY + 1;
    private static final int KILLS = 20;
    private static final long SECONDS = 120;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "encrypted-file"})
    void killedTwentyTimesAtRandomPointsTheOutputIsByteIdenticalToARunThatNeverCrashed(String scheme,
                                                                                     @TempDir Path dir)
            throws Exception {
        Path input = dir.resolve("events.csv");
        Events.generate(input, EVENTS, 11);
        Path expected = dir.resolve("expected.csv");
        WindowedTotals.run("memory:", input, expected, EVERY, line -> { });

        String uri = scheme.equals("sqlite") ? "sqlite:" + dir.resolve("totals.db")
                : "encrypted-file:" + dir.resolve("vault") + "?keyset=" + dir.resolve("k.json") + "&createKeyset=true";
        Path output = dir.resolve("totals.csv");
        long seed = Long.getLong("steadfast.pipeline.crashSeed", new SecureRandom().nextLong());
        List<Integer> targets = killTargets(new Random(seed));
        List<String> points = new ArrayList<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            Process child = start(uri, input, output, dir.resolve("child-" + kill + ".err"));
            String at = readUntilCheckpoint(child, targets.get(kill - 1));
            killHard(child);
            points.add(at);
        }
        System.out.println("[" + scheme + "] seed " + seed + ", killed after checkpoints " + points);
        assertTrue(points.stream().anyMatch(p -> p.startsWith("aggregate#")), "some kills hit the last stage");

        Process last = start(uri, input, output, dir.resolve("child-last.err"));
        String done = drainUntilExit(last);
        assertEquals(0, last.exitValue(), "the last run exits normally; stderr in " + dir);
        assertTrue(done.startsWith("done RunReport"), done);
        assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(output),
                "seed " + seed + ": output after " + KILLS + " kills differs from a run without crash");
    }

    private static Process start(String uri, Path input, Path output, Path stderr) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                WindowedTotals.class.getName(), uri, input.toString(), output.toString(), String.valueOf(EVERY));
        return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    }

    /**
     * {@value #KILLS} distinct checkpoint positions spread over the whole run (all three stages), in order.
     * Position {@code p} is checkpoint {@code p % PER_STAGE + 1} of stage {@code p / PER_STAGE}.
     */
    private static List<Integer> killTargets(Random random) {
        List<Integer> all = new ArrayList<>();
        for (int p = 0; p < STAGES.size() * PER_STAGE - 10; p++) {
            all.add(p);
        }
        java.util.Collections.shuffle(all, random);
        return all.subList(0, KILLS).stream().sorted().toList();
    }

    /** Reads the child's output until a checkpoint at or past {@code target}; returns it as {@code stage#seq}. */
    private static String readUntilCheckpoint(Process child, int target) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        while (true) {
            String line = out.readLine(); // bounded: a child that hangs is killed by the surefire timeout of the build
            if (line == null || line.startsWith("done")) {
                fail("the child ended before checkpoint position " + target + " (last line: " + line + ")");
            }
            if (line.startsWith("checkpoint ")) {
                String stage = line.substring(line.indexOf('/') + 1, line.indexOf('#'));
                int sequence = Integer.parseInt(line.substring(line.indexOf('#') + 1, line.indexOf(' ',
                        line.indexOf('#'))));
                if (STAGES.indexOf(stage) * PER_STAGE + sequence - 1 >= target) {
                    return stage + "#" + sequence;
                }
            }
        }
    }

    private static void killHard(Process child) throws InterruptedException {
        child.destroyForcibly(); // SIGKILL on Linux and macOS: no shutdown hook, no flush, no close
        assertTrue(child.waitFor(SECONDS, TimeUnit.SECONDS), "killed child did not exit");
        assertEquals(137, child.exitValue(), "exit status of a process killed by signal 9");
    }

    private static String drainUntilExit(Process child) throws Exception {
        String last = "";
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                last = line;
            }
        }
        assertTrue(child.waitFor(SECONDS, TimeUnit.SECONDS), "the last run did not end");
        return last;
    }
}
