package dev.steadfast.cli;

import dev.steadfast.Steadfast;
import dev.steadfast.harness.Budgets;
import dev.steadfast.harness.ProfileResult;
import dev.steadfast.harness.Report;
import dev.steadfast.harness.SearchResult;
import dev.steadfast.spi.StoreSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code steadfast certify}: runs the deterministic contention matrix against a store and passes only when every
 * scenario is deterministic, keeps its invariants and meets its budget.
 */
@Command(name = "certify", mixinStandardHelpOptions = true,
        description = {"Certify a store under contention: run the deterministic contention matrix against it.",
            "",
            "Scenarios: OwnershipFencingContention, LeaseRenewalContention, TakeoverQueueRetryPressure, "
                + "CheckpointReplayWindows, ClockSkew, each through the fence and session APIs on a simulated "
                + "clock, with a seeded scheduler deciding every interleaving. Each runs twice per seed and must "
                + "give the same signature; invariants: never two owners at one epoch, epochs only grow, no stale "
                + "write lands, every acknowledged write survives, an expired lease lets the next contender in; "
                + "metrics are judged against the default budget.",
            "",
            "It writes fenced test data under a fresh 'harness/...' namespace of the store and never touches "
                + "anything else; certify a scratch store if that matters. A failing seed is printed with the "
                + "command that replays it exactly. --profile adds a wall-clock run with real threads or processes."})
final class CertifyCommand implements Callable<Integer> {
    private static final int CONTENDERS = 2;
    private static final int ROUNDS = 5;

    @Spec
    CommandSpec spec;

    @Mixin
    Verbosity verbosity;

    @Option(names = "--store", required = true, paramLabel = "URI",
            description = "The store to certify, for example memory:, sqlite:./scratch.db or "
                    + "postgresql://db:5432/app?schema=certify (a missing file store is created).")
    String store;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "The first seed (default: ${DEFAULT-VALUE}); a failing seed replays exactly.")
    long seed;

    @Option(names = "--seeds", defaultValue = "1", paramLabel = "N",
            description = "How many seeds to search, from --seed on; stops at the first failing one "
                    + "(default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the markdown report to FILE.")
    Path report;

    @Option(names = "--profile", description = "Then run profile mode: " + CONTENDERS + " contenders on one lease "
            + "for " + ROUNDS + " rounds of 1 s on the wall clock (processes of their own when the store is shared "
            + "across processes, else threads), printing acquire and write latency (p50/p95/p99) and each round's "
            + "min/max share of acquisitions. Not deterministic; only its invariants count towards the verdict.")
    boolean profile;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (seeds < 1) {
            throw new CommandFailure(ExitCodes.USAGE, "--seeds must be at least 1, was " + seeds);
        }
        long started = System.nanoTime();
        StoreSpec parsed = StoreSpec.parse(store);
        Narrator say = new Narrator(spec.commandLine().getOut());
        SearchResult result;
        ProfileResult profiled = null;
        try (Steadfast steadfast = Steadfast.open(store)) {
            say.title("Certifying " + parsed + " under contention: seeds " + seed
                    + (seeds > 1 ? ".." + (seed + seeds - 1) + " (stops at the first failure)" : "")
                    + ", deterministic mode, budget " + Budgets.versionLabel());
            Certification certification = new Certification(say, store);
            result = certification.run(steadfast.store(), seed, seeds);
            if (profile) {
                profiled = certification.profile(steadfast.store(), CONTENDERS, ROUNDS, Duration.ofSeconds(1));
            }
        }
        Report r = result.report();
        if (report != null) {
            Files.writeString(report, "Store: `" + parsed + "`\n\n" + r.markdown()
                    + (profiled == null ? "" : "\n" + profiled.markdown()), StandardCharsets.UTF_8);
            say.title("report written to " + report);
        }
        say.title("report signature " + r.signature());
        if (result.failingSeed().isPresent()) {
            say.title("failing seed " + result.failingSeed().getAsLong() + "; replay it with: steadfast certify "
                    + "--store " + parsed + " --seed " + result.failingSeed().getAsLong());
        }
        say.summary((System.nanoTime() - started) / 1_000_000);
        return say.allHeld() && r.passed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
