package dev.steadfast.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Store;
import dev.steadfast.tck.InjectedFaults;
import dev.steadfast.testing.Backends;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness fails a broken store, naming the scenario and the invariant, and the failing seed replays exactly. */
class HarnessFaultsTest {
    @TempDir
    Path dir;

    @Test
    void aStoreIgnoringFenceGuardsFailsOwnershipFencingBecauseAStaleWriteLands() {
        ScenarioOutcome o = outcome(InjectedFaults::ignoringFenceGuards, Scenario.OWNERSHIP_FENCING_CONTENTION);

        assertFalse(o.passed(), o::toString);
        assertTrue(o.violations().stream().anyMatch(v -> v.startsWith("no stale write lands: write '")
                && v.contains("was acknowledged while epoch")), o::toString);
    }

    @Test
    void aStoreIgnoringFenceGuardsFailsClockSkewWhereEarlyTakeoversLeaveOwnersWhoStillBelieveTheyHold() {
        ScenarioOutcome o = outcome(InjectedFaults::ignoringFenceGuards, Scenario.CLOCK_SKEW);

        assertFalse(o.passed(), o::toString);
        assertTrue(o.violations().stream().anyMatch(v -> v.startsWith("no stale write lands: ")), o::toString);
    }

    @Test
    void aStoreWhoseLeasesNeverExpireFailsTheTakeoverQueueBecauseNobodyIsServed() {
        ScenarioOutcome o = outcome(InjectedFaults::leasesNeverExpiring, Scenario.TAKEOVER_QUEUE_RETRY_PRESSURE);

        assertFalse(o.passed(), o::toString);
        assertTrue(o.violations().stream().anyMatch(v -> v.startsWith(LeaseContention.LIVENESS + ": '")),
                o::toString);
    }

    @Test
    void aStoreDroppingAcknowledgedAppendsFailsCheckpointReplayBecauseAnAcknowledgedWriteIsLost() {
        ScenarioOutcome o = outcome(InjectedFaults::droppingAcknowledgedAppends, Scenario.CHECKPOINT_REPLAY_WINDOWS);

        assertFalse(o.passed(), o::toString);
        assertTrue(o.violations().stream().anyMatch(v -> v.startsWith("every acknowledged write survives: session "
                + "'ckpt' recovered by")), o::toString);
    }

    @Test
    void aStoreWhoseLeasesNeverExpireFailsLeaseRenewalNamingTheLeaseEnd() {
        ScenarioOutcome o = outcome(InjectedFaults::leasesNeverExpiring, Scenario.LEASE_RENEWAL_CONTENTION);

        assertFalse(o.passed(), o::toString);
        assertTrue(o.violations().stream().anyMatch(v -> v.contains("the lease would never expire")), o::toString);
        assertTrue(o.violations().stream().anyMatch(v -> v.startsWith(LeaseContention.LIVENESS)), o::toString);
    }

    @Test
    void everyFaultFailsTheMatrixAndTheReportNamesTheScenarioAndReason() {
        for (UnaryOperator<Store> fault : java.util.List.<UnaryOperator<Store>>of(InjectedFaults::ignoringFenceGuards,
                InjectedFaults::droppingAcknowledgedAppends, InjectedFaults::leasesNeverExpiring)) {
            try (Store store = fault.apply(Backends.memory().open(dir))) {
                Report report = new Harness(store, "h").runMatrix(3);

                assertFalse(report.passed(), report::markdown);
                assertTrue(report.invariantFailures() > 0, report::markdown);
                ScenarioOutcome first = report.failedOutcomes().get(0);
                assertTrue(report.markdown().contains("- " + first.scenario().label() + " seed 3: "
                        + first.violations().get(0)), report::markdown);
            }
        }
    }

    @Test
    void aFailingSeedReplaysToTheSameSignatureAndViolations() {
        ScenarioOutcome first = outcome(InjectedFaults::ignoringFenceGuards, Scenario.OWNERSHIP_FENCING_CONTENTION);
        ScenarioOutcome replay = outcome(InjectedFaults::ignoringFenceGuards, Scenario.OWNERSHIP_FENCING_CONTENTION);

        assertTrue(first.deterministic(), first::toString);
        assertEquals(first.signature(), replay.signature());
        assertEquals(first.violations(), replay.violations());
    }

    @Test
    void searchStopsAtTheFirstFailingSeed() {
        try (Store store = InjectedFaults.ignoringFenceGuards(Backends.memory().open(dir))) {
            SearchResult result = new Harness(store, "h").search(40, 10, o -> { });

            assertEquals(40, result.failingSeed().orElseThrow());
            assertEquals(1, result.seedsRun());
            assertFalse(result.report().passed());
        }
    }

    private ScenarioOutcome outcome(UnaryOperator<Store> fault, Scenario scenario) {
        try (Store store = fault.apply(Backends.memory().open(dir))) {
            return new Harness(store, "h").runScenario(scenario, 11);
        }
    }
}
