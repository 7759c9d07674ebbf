package dev.steadfast.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Store;
import dev.steadfast.tck.LogScan;
import dev.steadfast.testing.Backend;
import dev.steadfast.testing.Backends;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes, one channel: while a child JVM keeps stepping its channels, this process opens one of them. From
 * that moment the child's steps on it come back refused and the store holds none of them: the two owners never
 * interleave writes.
 */
class ChannelTakeoverProcessTest {

    @Test
    void aSecondProcessOpeningTheChannelFencesOutTheFirstsSteps(@TempDir Path dir) throws Exception {
        Backend sqlite = Backends.find("sqlite").orElseThrow();
        String uri = sqlite.uri().apply(dir);
        Files.createDirectories(dir);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ChannelWorkerProcess.class.getName(), uri, "7", "2", "5");
        Process child = LogScan.scanning(new ProcessBuilder(command))
                .redirectError(dir.resolve("child.err").toFile()).start();
        child.onExit().completeOnTimeout(null, 120, TimeUnit.SECONDS)
                .thenAccept(p -> child.toHandle().destroyForcibly());
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
             Store store = sqlite.open(dir);
             Channels mine = new Channels(store, Clock.system(), new ChannelOptions(5))) {
            int acks = 0;
            for (String line = out.readLine(); acks < 3; line = out.readLine()) {
                assertTrue(line != null && !line.startsWith("FAIL"), "child: " + line);
                acks += line.startsWith("ACK c0 ") ? 1 : 0;
            }
            Channel taken = mine.open("c0", "parent").orElseThrow();
            ChannelState atTakeover = taken.state();
            String refused = null;
            for (String line = out.readLine(); refused == null; line = out.readLine()) {
                assertTrue(line != null, "child exited:\n" + Files.readString(dir.resolve("child.err")));
                if (line.startsWith("FAIL c0 ")) {
                    refused = line;
                }
            }
            assertTrue(refused.contains("superseded by owner 'parent' at epoch 2"), refused);
            for (int more = 0; more < 2; more++) {
                assertTrue(out.readLine().startsWith("ACK c1 "), "the child's other channel keeps going");
            }
            assertEquals(atTakeover, mine.loadChannel("c0"), "no step of the old owner landed after the takeover");
            assertTrue(taken.apply(CrashWorkload.next(7, taken.state())).isCommitted());
        } finally {
            child.toHandle().destroyForcibly();
            child.waitFor(60, TimeUnit.SECONDS);
        }
    }
}
