package dev.steadfast.channel;

import static dev.steadfast.channel.ChannelTesting.assertInvariants;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Store;
import dev.steadfast.tck.LogScan;
import dev.steadfast.testing.Backend;
import dev.steadfast.testing.Backends;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A child JVM steps several channels through a seeded random workload and is killed with SIGKILL at a random
 * point, again and again. After each kill every channel must keep the invariants and equal the model replayed
 * from the steps the child acknowledged, or from one more (a step can be durable before its acknowledgement is
 * printed): a channel is before or after a step, never between, and no acknowledged step is lost.
 *
 * <p>{@code -Dsteadfast.channel.crashRounds=N} sets the kills per backend (default 10, so 20 across SQLite and
 * the encrypted file).
 */
class ChannelCrashTest {
    private static final int CHANNELS = 6;
    private static final int CAP = 5;
    private static final int ROUNDS = Integer.getInteger("steadfast.channel.crashRounds", 10);

    static Stream<Backend> crashBackends() {
        return Stream.of("sqlite", "encrypted-file").map(s -> Backends.find(s).orElseThrow(
                () -> new IllegalStateException("backend " + s + " is not on the test class path")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crashBackends")
    void killedWorkerLeavesEveryChannelBeforeOrAfterEachStepAndLosesNoAcknowledgedOne(Backend backend,
                                                                                      @TempDir Path dir)
            throws Exception {
        long seed = 0x5eed_c4a7L ^ backend.scheme().hashCode();
        Random kills = new Random(seed);
        String uri = backend.uri().apply(dir);
        Files.createDirectories(dir);
        Map<String, ChannelState> model = new HashMap<>();
        for (int i = 0; i < CHANNELS; i++) {
            model.put("c" + i, ChannelState.empty("c" + i));
        }
        long totalAcks = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            Map<String, Long> acked = runAndKill(uri, seed, 10 + kills.nextInt(40), dir.resolve("child.err"));
            totalAcks += acked.values().stream().mapToLong(Long::longValue).sum();
            try (Store store = backend.open(dir);
                 Channels channels = new Channels(store, Clock.system(), new ChannelOptions(CAP))) {
                for (int i = 0; i < CHANNELS; i++) {
                    String id = "c" + i;
                    ChannelState stored = channels.loadChannel(id);
                    assertInvariants(stored, CAP);
                    long ack = acked.getOrDefault(id, model.get(id).steps());
                    ChannelState expected = replay(seed, model.get(id), ack);
                    if (stored.steps() == ack + 1) {
                        expected = ChannelModel.apply(expected, CrashWorkload.next(seed, expected), CAP);
                    }
                    assertEquals(expected, stored, "round " + round + ", channel " + id + ": acknowledged "
                            + ack + " steps, store holds " + stored.steps());
                    model.put(id, stored);
                }
            }
        }
        assertTrue(totalAcks > ROUNDS * 10L, "the workload made progress: " + totalAcks + " acknowledged steps");
    }

    private static ChannelState replay(long seed, ChannelState from, long toSteps) {
        ChannelState s = from;
        while (s.steps() < toSteps) {
            s = ChannelModel.apply(s, CrashWorkload.next(seed, s), CAP);
        }
        return s;
    }

    /** Runs the worker until it has acknowledged {@code acks} steps, kills it, and returns the last ack per channel. */
    private static Map<String, Long> runAndKill(String uri, long seed, int acks, Path stderr) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // C1 only and serial GC: the child lives seconds, so startup is what costs
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), ChannelWorkerProcess.class.getName(),
                uri, Long.toString(seed), Integer.toString(CHANNELS), Integer.toString(CAP)));
        Process child = LogScan.scanning(new ProcessBuilder(command)).redirectError(stderr.toFile()).start();
        // A worker that stops printing would block readLine forever; the watchdog bounds the round.
        java.util.concurrent.CompletableFuture<Process> watchdog = child.onExit().completeOnTimeout(null, 120,
                TimeUnit.SECONDS);
        watchdog.thenAccept(p -> {
            if (p == null) {
                child.toHandle().destroyForcibly();
            }
        });
        Map<String, Long> acked = new HashMap<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            int seen = 0;
            boolean killed = false;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("FAIL")) {
                    fail("worker failed: " + line + "\n" + Files.readString(stderr));
                }
                if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ");
                    acked.merge(parts[1], Long.parseLong(parts[2]), Math::max);
                    if (++seen >= acks && !killed) {
                        // SIGKILL through the handle: Process.destroyForcibly would also close our end of the
                        // pipe and drop ACK lines printed just before the kill, so the store would seem ahead
                        child.toHandle().destroyForcibly();
                        killed = true;
                    }
                }
            }
            if (!killed) {
                fail("worker exited before it was killed:\n" + Files.readString(stderr));
            }
        } catch (IOException e) {
            // the pipe broke with the kill; every line read before it counts
        } finally {
            child.toHandle().destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "worker did not die");
        }
        return acked;
    }
}
