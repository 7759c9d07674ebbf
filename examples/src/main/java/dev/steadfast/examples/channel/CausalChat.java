package dev.steadfast.examples.channel;

import dev.steadfast.channel.ChannelState;
import dev.steadfast.channel.HistoryEntry;
import dev.steadfast.channel.Message;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Two peers chat over a link that loses a third of its packets and reorders the rest. Every protocol step is one
 * atomic write of a durable channel, so when Bob is restarted mid-conversation he comes back with the messages
 * that were waiting for a missing predecessor, Alice's unacknowledged messages are still queued for resending, and
 * delivery resumes in causal order: nobody ever sees a reply before the message it answers.
 *
 * <p>Run: {@code mvn -B -q -pl examples exec:java -Dexec.mainClass=dev.steadfast.examples.channel.CausalChat}
 * (optionally with {@code -Dexec.args=<directory>}).
 */
public final class CausalChat {
    /** The backend, chosen in one place: one SQLite file per peer. */
    static String storeUri(Path dir, String peer) {
        return "sqlite:" + dir.resolve(peer + ".db");
    }

    private CausalChat() {
    }

    /** What the conversation ended with, for the example's test. */
    record Outcome(List<String> aliceSaw, List<String> bobSaw, int waitingWhenBobRestarted, int packetsLost) {
    }

    /** Runs the chat in a fresh directory (or the one given). */
    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("causal-chat");
        run(dir, System.out);
    }

    static Outcome run(Path dir, PrintStream out) throws Exception {
        Files.createDirectories(dir);
        LossyLink<Packet> toBob = new LossyLink<>(7, 0.33);
        LossyLink<Packet> toAlice = new LossyLink<>(11, 0.33);
        int waitingAtRestart = -1;
        try (Peer alice = new Peer("alice", storeUri(dir, "alice"));
             Peer bob = new Peer("bob", storeUri(dir, "bob"))) {
            for (int turn = 1; turn <= 12; turn++) {
                toBob.send(alice.say("alice's line " + turn));
                toAlice.send(bob.say("bob's line " + turn));
                exchange(alice, bob, toBob, toAlice);
                if (turn == 6) {
                    waitingAtRestart = bob.state().incoming().size();
                    out.printf("-- bob restarts with %d messages delivered, %d waiting for a predecessor, "
                            + "%d of his own unacknowledged%n", bob.state().history().size(), waitingAtRestart,
                            bob.state().outgoing().size());
                    bob.restart();
                    out.printf("-- bob is back: %d delivered, %d waiting, %d unacknowledged%n",
                            bob.state().history().size(), bob.state().incoming().size(),
                            bob.state().outgoing().size());
                }
            }
            // Resend until both sides hold everything: the link still loses, so this may take a few rounds.
            for (int round = 0; round < 50 && !(settled(alice) && settled(bob)); round++) {
                alice.resend().forEach(toBob::send);
                bob.resend().forEach(toAlice::send);
                exchange(alice, bob, toBob, toAlice);
            }
            Outcome outcome = new Outcome(delivered(alice.state()), delivered(bob.state()), waitingAtRestart,
                    toBob.lost() + toAlice.lost());
            out.println("alice saw: " + outcome.aliceSaw());
            out.println("bob saw:   " + outcome.bobSaw());
            out.printf("%d of %d packets were lost; both logs are in causal order: %s%n", outcome.packetsLost(),
                    toBob.sent() + toAlice.sent(), causal(alice.state()) && causal(bob.state()));
            return outcome;
        }
    }

    private static void exchange(Peer alice, Peer bob, LossyLink<Packet> toBob, LossyLink<Packet> toAlice) {
        for (Packet p : toBob.receiveAll()) {
            bob.receive(p).forEach(toAlice::send);
        }
        for (Packet p : toAlice.receiveAll()) {
            alice.receive(p).forEach(toBob::send);
        }
    }

    private static boolean settled(Peer peer) {
        return peer.state().outgoing().isEmpty() && peer.state().incoming().isEmpty();
    }

    private static List<String> delivered(ChannelState s) {
        List<String> texts = new ArrayList<>();
        for (HistoryEntry e : s.history()) {
            texts.add(e.message().text());
        }
        return texts;
    }

    /** Whether every message in the history comes after everything it depends on. */
    static boolean causal(ChannelState s) {
        Set<String> seen = new HashSet<>();
        for (HistoryEntry e : s.history()) {
            Message m = e.message();
            if (!seen.containsAll(m.causalHistory())) {
                return false;
            }
            seen.add(m.id());
        }
        return true;
    }
}
