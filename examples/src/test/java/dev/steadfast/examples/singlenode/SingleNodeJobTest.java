package dev.steadfast.examples.singlenode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import dev.steadfast.tck.LogScan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three child JVMs schedule the same job on one SQLite file; one of them stalls past its lease. */
class SingleNodeJobTest {
    private static final int RUNS = 30;
    private static final List<String> NODES = List.of("node-a", "node-b", "node-c");
    private static final String STALLING = "node-b";

    @Test
    void eachRunIsRecordedOnceAndAStalledNodesLateResultIsRefused(@TempDir Path dir) throws Exception {
        String uri = "sqlite:" + dir.resolve("jobs.db");
        // The stalling node starts first and holds the lease when the others start, whatever the timing.
        Process stalling = start(uri, STALLING, true);
        BufferedReader stallingOut = new BufferedReader(
                new InputStreamReader(stalling.getInputStream(), StandardCharsets.UTF_8));
        String first = stallingOut.readLine();
        assertEquals("stalling in run 1", first);
        Map<String, Process> children = new HashMap<>();
        for (String node : NODES) {
            children.put(node, node.equals(STALLING) ? stalling : start(uri, node, false));
        }
        Map<String, List<String>> output = new HashMap<>();
        for (String node : NODES) {
            Process child = children.get(node);
            String out = node.equals(STALLING) ? stallingOut.lines().collect(Collectors.joining("\n"))
                    : new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), node + " did not end");
            assertEquals(0, child.exitValue(), node + " failed; its output: " + out);
            output.put(node, out.lines().toList());
        }

        try (Steadfast steadfast = Steadfast.open(uri)) {
            Map<Long, String> recorded = SingleNodeJob.recordedRuns(steadfast.store());
            assertEquals(LongStream.rangeClosed(1, RUNS).boxed().toList(), List.copyOf(recorded.keySet()),
                    "every run recorded, once, in order");
            int ranLines = 0;
            for (String node : NODES) {
                assertEquals("done", output.get(node).get(output.get(node).size() - 1));
                for (String line : output.get(node)) {
                    if (line.startsWith("ran ")) {
                        String[] words = line.split(" "); // ran K epoch E
                        long run = Long.parseLong(words[1]);
                        assertEquals(node + " ran " + run + " under epoch " + words[3], recorded.get(run),
                                "a node saw its result recorded");
                        ranLines++;
                    }
                }
            }
            assertEquals(RUNS, ranLines, "no run was recorded by two nodes");
            List<String> refused = output.get(STALLING).stream().filter(l -> l.startsWith("refused ")).toList();
            assertFalse(refused.isEmpty(), "the stalled node's late result was refused: " + output.get(STALLING));
            String[] late = refused.get(0).split(" "); // refused K epoch E reason
            long lateRun = Long.parseLong(late[1]);
            assertEquals(1, lateRun, "the stalled node's run");
            // Under load the stalled node may later win the lease back and run 1 legitimately, so the refused
            // result is told apart by its epoch, not by its node.
            assertNotEquals(STALLING + " ran 1 under epoch " + late[3], recorded.get(lateRun),
                    "run 1 did not keep the refused late result");
            System.out.println("singlenode: share of " + RUNS + " runs per node "
                    + SingleNodeJob.share(recorded) + "; " + refused.get(0));
        }
    }

    private static Process start(String uri, String node, boolean stall) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty(
                "java.class.path"), SingleNodeJob.class.getName(), uri, node, String.valueOf(RUNS)));
        if (stall) {
            command.add("stall");
        }
        return LogScan.scanning(new ProcessBuilder(command)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
