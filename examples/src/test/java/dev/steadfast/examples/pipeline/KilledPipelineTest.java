package dev.steadfast.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.steadfast.tck.LogScan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
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
        return LogScan.scanning(new ProcessBuilder(command)).redirectError(stderr.toFile()).start();
    }

    /**
     * {@value #KILLS} distinct checkpoint positions, in order, shared out over the three stages (7, 7, 6) so that every
     * seed kills each stage, the last included. Position {@code p} is checkpoint {@code p % PER_STAGE + 1} of stage
     * {@code p / PER_STAGE}; the last few checkpoints of each stage are left out so a target is always reached.
     */
    private static List<Integer> killTargets(Random random) {
        List<Integer> targets = new ArrayList<>();
        for (int stage = 0; stage < STAGES.size(); stage++) {
            List<Integer> positions = new ArrayList<>();
            for (int p = 0; p < PER_STAGE - 4; p++) {
                positions.add(stage * PER_STAGE + p);
            }
            Collections.shuffle(positions, random);
            int share = KILLS / STAGES.size() + (stage < KILLS % STAGES.size() ? 1 : 0);
            targets.addAll(positions.subList(0, share));
        }
        return targets.stream().sorted().toList();
    }

    /**
     * Reads the child's output until a checkpoint at or past {@code target} (a later stage, or the target's stage at
     * or past its checkpoint: a stage may checkpoint more often than {@link #PER_STAGE} when its timer fires, which
     * must not carry a kill meant for the next stage); returns it as {@code stage#seq}.
     */
    private static String readUntilCheckpoint(Process child, int target) throws IOException {
        int targetStage = target / PER_STAGE;
        int targetSequence = target % PER_STAGE + 1;
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
                int stageIndex = STAGES.indexOf(stage);
                if (stageIndex > targetStage || (stageIndex == targetStage && sequence >= targetSequence)) {
                    return stage + "#" + sequence;
                }
            }
        }
    }

    private static void killHard(Process child) throws InterruptedException {
        child.toHandle().destroyForcibly(); // SIGKILL on Linux and macOS: no shutdown hook, no flush, no close
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
