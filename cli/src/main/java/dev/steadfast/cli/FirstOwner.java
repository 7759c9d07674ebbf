package dev.steadfast.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Steps 1 and 2 of the demo: node-a writes in a child JVM, each acknowledged append is printed as it arrives, and
 * the child is killed with SIGKILL once {@code killAfter} acknowledgements have been read. Acknowledgements still
 * in the pipe when it died are read afterwards: they were acknowledged too.
 */
final class FirstOwner {
    private static final long START_TIMEOUT_MS = 60_000;
    private static final long ACK_TIMEOUT_MS = 30_000;

    /** One acknowledged append as node-a printed it. */
    record Ack(long sequence, long delta, long state) {
    }

    /** What node-a did before it died. */
    record Run(long epoch, List<Ack> acks, long killedAtMs, int exitCode) {
        long ackedSum() {
            return acks.stream().mapToLong(Ack::delta).sum();
        }
    }

    private final Narrator say;
    private int acksPrinted;

    FirstOwner(Narrator say) {
        this.say = say;
    }

    Run run(String uri, String sessionId, long seed, int killAfter, Path nativeDir)
            throws IOException, InterruptedException {
        List<String> args = List.of("--store", uri, "--session", sessionId, "--owner", DemoSession.FIRST_OWNER,
                "--seed", Long.toString(seed));
        try (WriterProcess child = WriterProcess.start(args, nativeDir)) {
            String started = child.next(START_TIMEOUT_MS).orElseThrow(() -> new CommandFailure(
                    ExitCodes.STORE_UNAVAILABLE, "node-a's JVM did not start the session: " + child.firstErrorLine()));
            if (!started.startsWith("STARTED ")) {
                throw new CommandFailure(ExitCodes.INTERNAL, "node-a's JVM said '" + started + "' instead of STARTED");
            }
            long epoch = Long.parseLong(started.substring("STARTED ".length()).trim());
            say.step(1, DemoSession.FIRST_OWNER + " starts durable counter session '" + sessionId
                    + "' in a child JVM (pid " + child.pid() + ")");
            say.line("profile SnapshotJournal: every event journaled, a snapshot every " + DemoSession.CHECKPOINT_EVERY
                    + " journal entries; " + DemoSession.FIRST_OWNER + " holds epoch " + epoch);
            say.line("it appends random deltas; the kill comes after acknowledgement #" + killAfter
                    + " (picked at random, seed " + seed + ")");
            List<Ack> acks = new ArrayList<>();
            while (acks.size() < killAfter) {
                Optional<String> line = child.next(ACK_TIMEOUT_MS);
                if (line.isEmpty()) {
                    throw new CommandFailure(ExitCodes.CHECK_FAILED, "node-a stopped after " + acks.size()
                            + " acknowledged appends: " + child.firstErrorLine());
                }
                acks.add(ack(line.get()));
            }
            long killedAt = System.currentTimeMillis();
            int exit = child.killHard();
            say.step(2, "kill -9 " + DemoSession.FIRST_OWNER + " (pid " + child.pid() + ") mid-stream, right after "
                    + "acknowledgement #" + killAfter + " was read");
            int before = acks.size();
            for (Optional<String> line = child.next(ACK_TIMEOUT_MS); line.isPresent(); line = child.next(ACK_TIMEOUT_MS)) {
                acks.add(ack(line.get()));
            }
            say.line(DemoSession.FIRST_OWNER + " is dead (exit code " + exit + "); it acknowledged " + acks.size()
                    + " appends" + (acks.size() > before ? " (" + (acks.size() - before)
                    + " of them still in its output pipe when it died)" : ""));
            return new Run(epoch, List.copyOf(acks), killedAt, exit);
        }
    }

    private Ack ack(String line) {
        String[] parts = line.split(" ");
        if (parts.length != 4 || !parts[0].equals("ACK")) {
            throw new CommandFailure(ExitCodes.CHECK_FAILED, "node-a said '" + line + "' instead of an acknowledgement");
        }
        Ack ack = new Ack(Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]));
        say.detail(String.format("ack %3s  %+d  -> journal seq %-4d state %d", "#" + (++acksPrinted), ack.delta(),
                ack.sequence(), ack.state()));
        return ack;
    }

}
