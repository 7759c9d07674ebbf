package dev.steadfast.examples.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import dev.steadfast.spi.Entry;
import dev.steadfast.tck.LogScan;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tutorial backend in a child JVM killed with SIGKILL while it appends, then reopened. */
class WalKillTest {

    @Test
    void everyEntryReportedCommittedBeforeTheKillIsThereAfterReopen(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("demo.wal");
        Process child = LogScan.scanning(new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                WalDemo.class.getName(), file.toString(), "1000000"))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = "";
        for (int i = 0; i < 200; i++) { // the child keeps appending while the test reads
            line = out.readLine();
        }
        child.toHandle().destroyForcibly(); // SIGKILL mid-append; the handle keeps the pipe readable
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "killed child did not exit");
        assertEquals(137, child.exitValue(), "exit status of a process killed by signal 9");
        for (String next = out.readLine(); next != null; next = out.readLine()) {
            line = next;
        }
        long lastReported = Long.parseLong(line.substring("committed ".length()));

        try (Steadfast reopened = Steadfast.open("wal:" + file);
             Stream<Entry> entries = reopened.store().readJournal(WalDemo.STREAM, 1)) {
            long head = reopened.store().journalHead(WalDemo.STREAM);
            assertTrue(head >= lastReported, "head " + head + " lost committed entry " + lastReported);
            List<String> texts = entries.map(e -> new String(e.payload(), StandardCharsets.UTF_8)).toList();
            assertEquals(head, texts.size());
            for (int i = 0; i < texts.size(); i++) {
                assertEquals("entry " + (i + 1), texts.get(i));
            }
        }
    }
}
