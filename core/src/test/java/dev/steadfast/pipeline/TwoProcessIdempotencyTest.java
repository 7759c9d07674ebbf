package dev.steadfast.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.steadfast.spi.Store;
import dev.steadfast.tck.LogScan;
import dev.steadfast.testing.Stores;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real processes record the same keys on one SQLite file at the same time: the store decides every race,
 * so each key is stored once and both processes get the same checkpoint back for it.
 */
class TwoProcessIdempotencyTest {
    private static final int COUNT = 40;

    @Test
    void twoProcessesRacingOnTheSameKeysStoreEachOnceAndBothReturnTheStoredCheckpoint(@TempDir Path dir)
            throws Exception {
        assumeTrue(Stores.provider("sqlite").isPresent(), "no sqlite: provider on the test class path");
        String uri = "sqlite:" + dir.resolve("raced.db");
        try (Store store = Stores.open(uri)) {
            assumeTrue(store.descriptor().sharedAcrossProcesses(), "this sqlite: store is not shared across processes");
        }
        List<Process> children = new ArrayList<>();
        List<BufferedReader> outs = new ArrayList<>();
        try {
            for (String writer : List.of("a", "b")) {
                Process p = LogScan.scanning(new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), RecordingProcess.class.getName(), uri))
                        .redirectError(dir.resolve(writer + ".err").toFile()).start();
                children.add(p);
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8));
                assertEquals("ready", out.readLine(), "child " + writer + " started; stderr in " + dir);
                outs.add(out);
            }
            List<PrintWriter> ins = children.stream()
                    .map(p -> new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8)).toList();
            List<List<String>> lines = List.of(new ArrayList<>(), new ArrayList<>());
            for (int k = 1; k <= COUNT; k++) {
                for (PrintWriter in : ins) {
                    in.println(k);
                }
                for (int i = 0; i < 2; i++) {
                    String line = outs.get(i).readLine();
                    assertTrue(line != null && line.startsWith("k" + k + " "), "child " + i + " said " + line
                            + "; stderr in " + dir);
                    lines.get(i).add(line);
                }
            }
            ins.forEach(PrintWriter::close);
            for (Process p : children) {
                assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child did not end");
                assertEquals(0, p.exitValue(), "child failed; stderr in " + dir);
            }
            int recorded = 0;
            int byA = 0;
            for (int k = 0; k < COUNT; k++) {
                String[] a = lines.get(0).get(k).split(" ", 3);
                String[] b = lines.get(1).get(k).split(" ", 3);
                assertEquals(a[2], b[2], "both processes return the one stored checkpoint of " + a[0]);
                recorded += (a[1].equals("recorded") ? 1 : 0) + (b[1].equals("recorded") ? 1 : 0);
                byA += a[1].equals("recorded") ? 1 : 0;
            }
            assertEquals(COUNT, recorded, "each key recorded by exactly one process");
            // Which process wins each key is up to the scheduler; the outcome above must not depend on it.
            System.out.println("[pipeline] keys recorded by process a: " + byA + ", by process b: " + (COUNT - byA));
        } finally {
            for (Process p : children) {
                p.toHandle().destroyForcibly();
            }
        }
        try (Store store = Stores.open(uri)) {
            CheckpointLog log = new Pipelines(store, dev.steadfast.spi.Clock.system()).log("raced");
            assertEquals(COUNT, store.journalHead(PipelineNames.journal("raced")), "one checkpoint per key");
            assertEquals(COUNT, log.latest().orElseThrow().sequence());
        }
    }

}
