package dev.steadfast.examples.chatroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import dev.steadfast.session.DurableSession;
import dev.steadfast.session.DurableSessions;
import dev.steadfast.tck.LogScan;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs room owners as child JVMs on one SQLite file: one is killed with SIGKILL, one is superseded. */
class ChatRoomTest {
    private static final int WAIT_SECONDS = 60;

    @Test
    void takeoverAfterKillKeepsEveryAcknowledgedMessageAndRefusesTheSupersededOwner(@TempDir Path dir)
            throws Exception {
        String uri = "sqlite:" + dir.resolve("chat.db");
        List<String> acknowledged = new ArrayList<>();

        // alice owns the room; after 10 acknowledged messages 20 more are in flight when she is killed.
        Owner alice = new Owner(uri, "alice");
        assertEquals("owner alice at epoch 1 with 0 messages", alice.out.readLine());
        for (int i = 1; i <= 10; i++) {
            alice.say("alice " + i);
            acknowledged.add(alice.expectAck());
        }
        for (int i = 11; i <= 30; i++) {
            alice.say("alice " + i);
        }
        alice.expectAck();
        // SIGKILL on Linux: no shutdown hook, no close. Through the handle, so that her pipe stays readable.
        alice.child.toHandle().destroyForcibly();
        assertTrue(alice.child.waitFor(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(137, alice.child.exitValue(), "exit status of a process killed by signal 9");
        acknowledged.addAll(alice.remainingAcks()); // acks she printed before dying

        // bob takes over at epoch 2 with every message alice acknowledged, and goes on.
        Owner bob = new Owner(uri, "bob");
        String greeting = bob.out.readLine();
        assertTrue(greeting.startsWith("owner bob at epoch 2 with "), greeting);
        for (int i = 1; i <= 5; i++) {
            bob.say("bob " + i);
            acknowledged.add(bob.expectAck());
        }

        // carol (this JVM) takes over at epoch 3 while bob waits for input; bob's next message is refused.
        try (Steadfast steadfast = Steadfast.open(uri)) {
            DurableSessions<String, String> rooms = ChatRoom.rooms(steadfast);
            DurableSession<String, String> carol = ChatRoom.takeOver(rooms, "lobby", "carol");
            assertEquals(3, carol.fence().epoch());
            List<String> transcript = ChatRoom.messages(carol.state());
            assertTrue(transcript.containsAll(acknowledged),
                    "every acknowledged message survives: missing " + missing(acknowledged, transcript));
            assertEquals(List.of("bob 1", "bob 2", "bob 3", "bob 4", "bob 5"),
                    transcript.stream().filter(m -> m.startsWith("bob")).toList());

            bob.say("bob late");
            String refusal = bob.out.readLine();
            assertTrue(refusal.startsWith("refused "), refusal);
            assertTrue(bob.child.waitFor(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(ChatRoom.SUPERSEDED, bob.child.exitValue());
            assertTrue(carol.append("carol 1").acknowledged());
            assertEquals(List.of(), ChatRoom.messages(carol.state()).stream().filter("bob late"::equals).toList());
            System.out.println("chatroom: " + transcript.size() + " messages kept across a kill -9 and two takeovers;"
                    + " the superseded owner was told: " + refusal);
        }
    }

    private static List<String> missing(List<String> wanted, List<String> found) {
        return wanted.stream().filter(m -> !found.contains(m)).toList();
    }

    /** One child JVM running {@link ChatRoom}, fed through its standard input. */
    private static final class Owner {
        final Process child;
        final BufferedReader out;
        final Writer in;

        Owner(String uri, String name) throws Exception {
            child = LogScan.scanning(new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    ChatRoom.class.getName(), uri, "lobby", name))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
        }

        void say(String message) throws Exception {
            in.write(message + "\n");
            in.flush();
        }

        /** The next acknowledged message; reading blocks, bounded by the build's surefire timeout. */
        String expectAck() throws Exception {
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("ack "), "expected an ack, got " + line);
            return line.substring(4);
        }

        List<String> remainingAcks() throws Exception {
            List<String> acks = new ArrayList<>();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                acks.add(line.substring(4));
            }
            return acks;
        }
    }
}
