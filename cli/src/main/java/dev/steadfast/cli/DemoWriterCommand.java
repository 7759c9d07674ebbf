package dev.steadfast.cli;

import dev.steadfast.Steadfast;
import dev.steadfast.session.AppendResult;
import dev.steadfast.session.DurableSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The demo's first owner, run in its own JVM so that it can really be killed: starts a counter session and appends
 * random deltas, printing one line per acknowledged append, until it is killed, its standard input closes (its
 * parent is gone), or it reaches {@code --max-appends}.
 *
 * <p>Lines: {@code STARTED <epoch>}, then {@code ACK <journal sequence> <delta> <state>} per acknowledged append;
 * {@code REFUSED <reason>} ends it with exit code 1.
 */
@Command(name = "demo-writer", hidden = true, mixinStandardHelpOptions = true,
        description = "Internal: the demo's first owner, run in a child JVM by 'steadfast demo'.")
final class DemoWriterCommand implements Callable<Integer> {
    @Mixin
    Verbosity verbosity;

    @Option(names = "--store", required = true, paramLabel = "URI", description = "The store.")
    String store;

    @Option(names = "--session", required = true, description = "The session id.")
    String session;

    @Option(names = "--owner", defaultValue = DemoSession.FIRST_OWNER, description = "The owner (default: ${DEFAULT-VALUE}).")
    String owner;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random deltas.")
    long seed;

    @Option(names = "--pause-ms", defaultValue = "10", description = "Pause between appends.")
    long pauseMs;

    @Option(names = "--max-appends", defaultValue = "2000", description = "Stop after this many appends.")
    int maxAppends;

    @Override
    public Integer call() throws InterruptedException {
        exitWhenParentLeaves(System.in);
        PrintStream out = System.out;
        Random random = new Random(seed);
        try (Steadfast steadfast = Steadfast.open(store)) {
            DurableSession<Long, Long> counter = DemoSession.counters(steadfast.store(), steadfast.clock(),
                    DemoSession.CONTINUITY_SLO_MS)
                    .start(session, owner, "demo").orElseThrow();
            line(out, "STARTED " + counter.fence().epoch());
            for (int i = 0; i < maxAppends; i++) {
                long delta = 1 + random.nextInt(9);
                AppendResult result = counter.append(delta);
                if (result instanceof AppendResult.Acknowledged ack) {
                    line(out, "ACK " + ack.journalSequence() + " " + delta + " " + counter.state());
                } else {
                    line(out, "REFUSED " + ((AppendResult.Refused) result).reason());
                    return ExitCodes.CHECK_FAILED;
                }
                Thread.sleep(pauseMs);
            }
        }
        return ExitCodes.OK;
    }

    private static void line(PrintStream out, String line) {
        out.println(line);
        out.flush();
    }

    /** A writer whose parent died must not append forever: its standard input closing is the signal. */
    static void exitWhenParentLeaves(InputStream in) {
        Thread watcher = new Thread(() -> {
            try {
                while (in.read() >= 0) {
                    continue;
                }
            } catch (IOException e) {
                // An unreadable stdin means the parent is gone as surely as end of input does.
            }
            Runtime.getRuntime().halt(ExitCodes.OK);
        }, "demo-writer-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
