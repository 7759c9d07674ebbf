package dev.steadfast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.harness.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CertifyCommandTest {
    @TempDir
    Path dir;

    @Test
    void certifyingAMemoryStorePassesWithOneProgressLinePerScenario() {
        Run run = Run.of("certify", "--store", "memory:", "--seed", "3");

        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        for (Scenario s : Scenario.values()) {
            assertTrue(run.out().contains("[ok]     " + s.label() + " seed 3: deterministic, invariants held, "
                    + "within harness-budget-v1"), run::toString);
        }
        assertTrue(lastLine(run).startsWith("PASS: all 5 checks held"), run::toString);
    }

    @Test
    void searchModeRunsEverySeedAndWritesTheMarkdownReportWithItsSignature() throws Exception {
        Path report = dir.resolve("report.md");
        Run run = Run.of("certify", "--store", "memory:", "--seed", "7", "--seeds", "2",
                "--report", report.toString());

        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("ClockSkew seed 8: deterministic"), run::toString);
        String md = Files.readString(report);
        assertTrue(md.startsWith("Store: `memory:"), md);
        assertTrue(md.contains("# Contention certification: PASS") && md.contains("- seeds: 7..8"), md);
        assertEquals(10, md.lines().filter(l -> l.matches("\\| \\w+ \\| [78] \\| pass \\| yes \\| yes \\|.*"))
                .count(), md);
        assertTrue(md.contains("- signature: `" + signature(run) + "`"), md);
    }

    @Test
    void theSameSeedGivesTheSameReportSignatureOnAnotherBackend() {
        Run memory = Run.of("certify", "--store", "memory:", "--seed", "12");
        Run sqlite = Run.of("certify", "--store", "sqlite:" + dir.resolve("c.db"), "--seed", "12");

        assertEquals(ExitCodes.OK, sqlite.exitCode(), sqlite::toString);
        assertEquals(signature(memory), signature(sqlite));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ignore-fence-guards       | OwnershipFencingContention | no stale write lands: write '",
        "drop-acknowledged-appends | CheckpointReplayWindows    | every acknowledged write survives: session 'ckpt'",
        "leases-never-expire       | LeaseRenewalContention     | the lease would never expire"})
    void aBrokenStoreFailsNamingTheScenarioAndTheReasonAndHowToReplayIt(String fault, String scenario,
                                                                      String reason) {
        String uri = "faulty:" + fault;
        Run run = Run.of("certify", "--store", uri, "--seed", "5", "--seeds", "3");

        assertEquals(ExitCodes.CHECK_FAILED, run.exitCode(), run::toString);
        String line = run.out().lines().filter(l -> l.contains("[FAILED] " + scenario + " seed 5: ")).findFirst()
                .orElseThrow(() -> new AssertionError(run));
        assertTrue(line.contains(reason), line);
        assertTrue(line.endsWith("replay: steadfast certify --store " + uri + " --seed 5"), line);
        assertTrue(run.out().contains("failing seed 5; replay it with: steadfast certify --store " + uri
                + " --seed 5"), run::toString);
        assertTrue(!run.out().contains(" seed 6"), "the search stops at the first failing seed\n" + run);
        assertTrue(lastLine(run).startsWith("FAIL: "), run::toString);
    }

    @Test
    void theReplayCommandOfAFailingSeedShowsNoSecretOfTheUri() {
        Run run = Run.of("certify", "--store", "faulty:ignore-fence-guards?token=Secr3tT0ken", "--seed", "5");
        assertEquals(ExitCodes.CHECK_FAILED, run.exitCode(), run::toString);
        assertTrue(run.out().contains("replay it with: steadfast certify --store faulty:ignore-fence-guards?token=***"
                + " --seed 5"), run::toString);
        assertTrue(!run.out().contains("Secr3tT0ken") && !run.err().contains("Secr3tT0ken"), run::toString);
    }

    @Test
    void aBadUriOrAnUnreachableStoreIsOneLineWithTheUsualExitCode() {
        Run noScheme = Run.of("certify", "--store", "just-a-path.db");
        Run unknown = Run.of("certify", "--store", "nosuch:./x");
        Run unreachable = Run.of("certify", "--store", "postgresql://127.0.0.1:1/none?connectTimeoutMs=500");

        for (Run run : List.of(noScheme, unknown)) {
            assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
            assertEquals(1, run.errLines().size(), run::toString);
        }
        assertEquals(ExitCodes.STORE_UNAVAILABLE, unreachable.exitCode(), unreachable::toString);
        assertEquals(1, unreachable.errLines().size(), unreachable::toString);
    }

    @Test
    void profileModeAddsLatenciesAndEachRoundsFairnessToTheOutputAndTheReport() throws Exception {
        Path report = dir.resolve("profile.md");
        Run run = Run.of("certify", "--store", "memory:", "--profile", "--report", report.toString());

        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("Profile mode: 2 threads on one lease, 5 rounds of 1000 ms"), run::toString);
        assertTrue(run.out().contains("acquire: p50 ") && run.out().contains("round 5: acquisitions per contender ["),
                run::toString);
        assertTrue(run.out().contains("[ok]     profile invariants: "), run::toString);
        String md = Files.readString(report);
        assertTrue(md.contains("## Profile (wall clock, real threads or processes; not deterministic)"), md);
        assertTrue(md.contains("| 5 | ["), md);
    }

    @Test
    void profileModeOnASharedStoreRunsTheContendersAsProcessesAndChecksTheirJournal() {
        Run run = Run.of("certify", "--store", "sqlite:" + dir.resolve("shared.db"), "--profile");

        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("Profile mode: 2 processes on one lease, 5 rounds of 1000 ms"), run::toString);
        assertTrue(run.out().contains("[ok]     profile invariants: never two owners at one epoch"), run::toString);
    }

    @Test
    void zeroSeedsIsAUsageErrorInOneLine() {
        Run run = Run.of("certify", "--store", "memory:", "--seeds", "0");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertEquals("steadfast certify: --seeds must be at least 1, was 0", run.err().strip());
    }

    private static String signature(Run run) {
        return run.out().lines().filter(l -> l.startsWith("report signature ")).findFirst()
                .map(l -> l.substring("report signature ".length())).orElseThrow(() -> new AssertionError(run));
    }

    private static String lastLine(Run run) {
        return run.out().strip().lines().reduce((a, b) -> b).orElse("");
    }
}
