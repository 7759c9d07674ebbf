package dev.steadfast.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.failover.FailoverNode;
import dev.steadfast.failover.LostPrimaryFailover;
import dev.steadfast.failover.LostPrimaryOutcome;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreProvider;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three JVMs on loopback mutual TLS, each with its own SQLite file: the primary JVM is killed with {@code kill -9}
 * mid-stream under {@code replicas(1)}, the most advanced replica is promoted, and every order the dead primary
 * acknowledged is in the new primary's file.
 */
class KilledPrimaryProcessTest {
    @TempDir
    Path dir;

    /** A node JVM; its stdout lines are read on demand. */
    private static final class Node implements AutoCloseable {
        final Process process;
        final BufferedReader out;
        final PrintWriter in;

        Node(Path stderr, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), NodeProcess.class.getName()));
            command.addAll(List.of(args));
            process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        String line() throws IOException {
            String line = out.readLine();
            if (line == null) {
                throw new AssertionError("node JVM exited early, exit " + process.exitValue());
            }
            return line;
        }

        @Override
        public void close() {
            process.destroyForcibly();
            try {
                process.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Store sqlite(Path file) {
        return ServiceLoader.load(StoreProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.scheme().equals("sqlite")).findFirst().orElseThrow()
                .open(StoreSpec.parse("sqlite:" + file));
    }

    @Test
    void aPrimaryKilledMidStreamLosesNoAcknowledgedWriteAfterTheMostAdvancedReplicaIsPromoted() throws Exception {
        Certificates certs = Certificates.shared();
        Map<String, String> members = new LinkedHashMap<>();
        for (String id : List.of("n1", "n2", "n3")) {
            members.put(id, "127.0.0.1:" + freePort());
        }
        String memberList = members.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        String uri = certs.uri(certs.node);
        try (Node n2 = new Node(dir.resolve("n2.err"), "n2", memberList, dir.resolve("n2.db").toString(), uri,
                "replica");
             Node n3 = new Node(dir.resolve("n3.err"), "n3", memberList, dir.resolve("n3.db").toString(), uri,
                     "replica")) {
            assertEquals("READY", n2.line());
            assertEquals("READY", n3.line());
            Set<String> acknowledged = new HashSet<>();
            try (Node n1 = new Node(dir.resolve("n1.err"), "n1", memberList, dir.resolve("n1.db").toString(), uri,
                    "primary")) {
                assertEquals("READY", n1.line());
                while (acknowledged.size() < 40) {
                    acknowledged.add(n1.line().substring("ACK ".length()));
                }
                // kill -9, mid-stream; Process.destroyForcibly would also close the pipe we still read from
                Process kill = new ProcessBuilder("kill", "-9", String.valueOf(n1.process.pid())).start();
                assertEquals(0, kill.waitFor());
                assertTrue(n1.process.waitFor(60, TimeUnit.SECONDS), "the primary JVM is gone");
                for (String line = n1.out.readLine(); line != null; line = n1.out.readLine()) {
                    acknowledged.add(line.substring("ACK ".length())); // printed before it died
                }
            }

            Transport transport = TcpTransportTest.open(uri);
            LostPrimaryOutcome outcome;
            try (transport) {
                outcome = LostPrimaryFailover.run(transport, Handshake.of("jvm-cluster", "operator", 0),
                        List.of(new FailoverNode("n2", members.get("n2"), "lo"),
                                new FailoverNode("n3", members.get("n3"), "lo")), Duration.ofSeconds(10));
            }
            assertEquals(2, outcome.newTerm());
            n2.in.println("stop");
            n3.in.println("stop");
            assertEquals("STOPPED", n2.line());
            assertEquals("STOPPED", n3.line());

            try (Store promoted = sqlite(dir.resolve(outcome.newPrimary().id() + ".db"));
                 Stream<dev.steadfast.spi.Entry> entries = promoted.readJournal(NodeProcess.ORDERS, 1)) {
                Set<String> held = entries.map(e -> new String(e.payload(), StandardCharsets.UTF_8))
                        .collect(Collectors.toSet());
                Set<String> missing = new HashSet<>(acknowledged);
                missing.removeAll(held);
                assertEquals(Set.of(), missing, "acknowledged by the killed primary, missing on "
                        + outcome.newPrimary().id() + " (frontiers " + outcome.frontiers() + ")");
                assertTrue(held.size() >= acknowledged.size());
            }
        }
    }
}
