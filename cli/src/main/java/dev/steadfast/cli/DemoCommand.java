package dev.steadfast.cli;

import dev.steadfast.Steadfast;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StoreSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code steadfast demo}: a durable session survives {@code kill -9} of its owner's JVM, a second owner takes over
 * with every acknowledged event, the stale owner is refused by the store, and the continuity report is read.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the main job: a durable session survives kill -9 of its owner, a takeover "
                + "and a stale owner's write.",
            "",
            "Each step is printed as it happens:",
            "  1. node-a runs a durable counter session in a child JVM, printing each acknowledged append.",
            "  2. The child is killed with kill -9 at a random point mid-stream.",
            "  3. node-b takes over at epoch + 1 and rehydrates; every acknowledged event is in its state.",
            "  4. The stale node-a tries to write: the store refuses it (FencedOut), the journal is unchanged.",
            "  5. A continuity report: reconnect latency and data loss against the SLO.",
            "  6. A short certification of the store under contention (steadfast certify, one seed), which adds "
                + "its fenced test data under 'harness/'.",
            "Ends with PASS (exit 0) or FAIL (exit 1). Without --store it uses a fresh " + DemoCommand.DEFAULT_STORE
                + " in the current directory, deleting the previous demo file first."})
final class DemoCommand implements Callable<Integer> {
    static final String DEFAULT_STORE = "sqlite:./steadfast-demo.db";
    private static final String DEFAULT_FILE = "steadfast-demo.db";
    /** Where the killed child's native-library temp files go, deleted when the demo ends. */
    static final Path NATIVE_DIR = Path.of("steadfast-demo.native");

    @Spec
    CommandSpec spec;

    @Mixin
    Verbosity verbosity;

    @Option(names = "--store", paramLabel = "URI",
            description = {"A durable store (default: a fresh " + DEFAULT_STORE + "). The demo adds a new session "
                    + "to it and leaves the rest alone. For example sqlite:./other.db, or on a line of its own:",
                "encrypted-file:./vault?keyset=./vault.keyset.json&createKeyset=true"})
    String store;

    @Option(names = "--seed", description = "Seed for the deltas and the kill point (default: random).")
    Long seed;

    @Option(names = "--slo-ms",
            description = "Continuity SLO: the longest acceptable time from the kill to the takeover. Given, a "
                    + "breach fails the demo; without it the time is reported against "
                    + DemoSession.CONTINUITY_SLO_MS + " ms and a breach is a warning.")
    Long sloMs;

    @Override
    public Integer call() throws IOException, InterruptedException {
        long started = System.nanoTime();
        String uri = store == null ? DEFAULT_STORE : store;
        StoreSpec parsed = StoreSpec.parse(uri);
        if (store == null) {
            deleteDefaultFiles();
        }
        long runSeed = seed != null ? seed : new Random().nextLong() & 0xFFFF_FFFFL;
        Narrator say = new Narrator(spec.commandLine().getOut());
        Steadfast standby = Steadfast.open(uri);
        try {
            StoreDescriptor d = standby.descriptor();
            if (!d.durable()) {
                throw new CommandFailure(ExitCodes.USAGE, "demo needs a durable store to survive kill -9; " + parsed
                        + " is not durable (try " + DEFAULT_STORE + ")");
            }
            say.title("Steadfast demo on " + parsed + (store == null ? " (a fresh file)" : "") + ": durable"
                    + (d.sharedAcrossProcesses() ? ", shared across processes" : ", one process at a time")
                    + (d.encrypted() ? ", encrypted" : ""));
            if (!d.sharedAcrossProcesses()) {
                // The child must have the store to itself; node-b opens it once node-a is dead.
                standby.close();
            }
            String sessionId = "demo-" + Long.toString(System.currentTimeMillis(), 36);
            int killAfter = 20 + new Random(runSeed).nextInt(41);
            FirstOwner.Run a = new FirstOwner(say).run(uri, sessionId, runSeed, killAfter,
                    Files.createDirectories(NATIVE_DIR));
            if (!d.sharedAcrossProcesses()) {
                standby = Steadfast.open(uri);
            }
            ContinuityVerdict verdict = sloMs != null ? new ContinuityVerdict(sloMs, true)
                    : new ContinuityVerdict(DemoSession.CONTINUITY_SLO_MS, false);
            new Takeover(say, DemoSession.counters(standby.store(), standby.clock(), verdict.sloMs()), sessionId,
                    standby.store()).run(a, verdict);
            say.step(6, "A short certification of this store under contention: the five scenarios at seed "
                    + runSeed + ", each run twice on a simulated clock (steadfast certify runs more seeds)");
            new Certification(say, uri).run(standby.store(), runSeed, 1);
        } finally {
            standby.close();
            deleteRecursively(NATIVE_DIR);
        }
        say.title("");
        say.title("(Resuming a pipeline from its checkpoint joins this demo in a later release.)");
        say.summary((System.nanoTime() - started) / 1_000_000);
        return say.allHeld() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.notExists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void deleteDefaultFiles() throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Files.deleteIfExists(Path.of(DEFAULT_FILE + suffix));
        }
    }
}
