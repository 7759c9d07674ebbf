package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Proves the kit can fail: each broken store in {@link BrokenStores} must fail exactly the tests written for its
 * bug, while the correct {@link ReferenceStore} passes every test, none skipped.
 */
class TckSelfTest {

    /** Fails unless {@code run} passed every one of {@code tests}: the gap a newer test closes was really open. */
    private static void assertPassed(SuiteRun run, String... tests) {
        Set<String> failed = new TreeSet<>(List.of(tests));
        failed.removeAll(run.passed);
        assertTrue(failed.isEmpty(), "these older tests should miss the bug, but did not pass: " + failed + "; " + run);
    }

    private static SuiteRun assertCaught(Class<? extends StoreTck> suite, String... expectedFailures) {
        SuiteRun run = SuiteRun.of(suite);
        Set<String> missed = new TreeSet<>(List.of(expectedFailures));
        missed.removeAll(run.failed.keySet());
        assertTrue(missed.isEmpty(), suite.getSimpleName() + " should have failed " + missed + "; " + run);
        assertTrue(run.passed.contains("Journal.firstAppendStartsAtOne"),
                suite.getSimpleName() + " should still pass unrelated tests; " + run);
        return run;
    }

    @Test
    void correctStorePassesEveryTestWithNoneSkipped() {
        SuiteRun run = SuiteRun.of(SelfTestSuites.Correct.class);
        assertEquals(0, run.failed.size(), run.toString());
        assertEquals(0, run.aborted.size(), "a durable, shared store should run every group: " + run);
        assertTrue(run.total() >= 150, "the kit should have at least 150 tests, ran " + run.total());
        System.out.println("the kit ran " + run.total() + " tests on the correct store, all passed");
    }

    @Test
    void storeIgnoringGuardsFailsTheGuardTests() {
        assertCaught(SelfTestSuites.IgnoresGuards.class,
                "Guards.fenceGuardZeroFailsWhenPresent", "Guards.staleFenceGuardFails", "Guards.futureFenceGuardFails",
                "Guards.fenceGuardOnAbsentFenceFails", "Guards.journalGuardFails", "Guards.firstFailingGuardIsReported",
                "Guards.guardOnlyBatch", "Guards.guardsSeeStateBeforeBatch", "Guards.journalGuardUsesHeadAfterTruncation",
                "ApplyAll.laterBatchesSeeEarlierOnes", "TwoHandles.fencesHoldAcrossHandles",
                "Durability.writesContinueAfterReopen");
    }

    @Test
    void storeLoweringTheHeadOnTruncationFailsTheTruncationTests() {
        assertCaught(SelfTestSuites.HeadFromLastEntry.class,
                "Journal.truncateEverything", "Journal.truncateBeyondHeadClamps", "Durability.everythingSurvivesReopen");
    }

    @Test
    void storeScanningInSignedOrderFailsTheScanTests() {
        SuiteRun run = assertCaught(SelfTestSuites.SignedScan.class,
                "Records.scanOrderIsUnsigned", "Records.scanBounds", "Records.scanLimit");
        assertTrue(run.passed.contains("Records.putAndGet"), run.toString());
    }

    @Test
    void storeApplyingBatchesPiecemealFailsTheAtomicityTests() {
        assertCaught(SelfTestSuites.NotAtomic.class,
                "Guards.failingAppendMidBatchWritesNothing", "Guards.failingSetFenceMidBatchWritesNothing",
                "Guards.twoAppendsInOneBatch", "ApplyAll.conflictInTheMiddle");
    }

    @Test
    void storeSettingFencesWithoutComparingFailsTheFenceTests() {
        assertCaught(SelfTestSuites.FenceWithoutCompare.class,
                "Fences.createTwiceFails", "Fences.wrongExpectedEpoch", "Fences.changeOfAbsentFence");
    }

    @Test
    void storeWorkingAfterCloseFailsTheClosedStoreTests() {
        SuiteRun run = assertCaught(SelfTestSuites.IgnoresClose.class,
                "ClosedStore.everyMethodThrows", "ClosedStore.closedRefusesConflictingBatch");
        assertTrue(run.failed.keySet().containsAll(List.of(
                "ClosedStore.everyMethodThrows[apply throws StoreClosedException]",
                "ClosedStore.everyMethodThrows[readJournal throws StoreClosedException]",
                "ClosedStore.everyMethodThrows[listFences throws StoreClosedException]")), run.toString());
    }

    @Test
    void storeNotEnforcingItsPayloadLimitFailsThePayloadTests() {
        assertCaught(SelfTestSuites.UnenforcedLimit.class, "Payloads.overMaximumRejected", "BadInput.badWrites");
    }

    @Test
    void storeForgettingOnReopenFailsTheDurabilityAndTwoHandleTests() {
        assertCaught(SelfTestSuites.ForgetsOnReopen.class,
                "Durability.everythingSurvivesReopen", "Durability.writesContinueAfterReopen",
                "Durability.applyAllSurvivesReopen", "Durability.severalCycles",
                "TwoHandles.secondSeesFirst", "TwoHandles.fencesHoldAcrossHandles", "TwoHandles.headsHoldAcrossHandles",
                "TwoHandles.concurrentAppendsThroughTwoHandles", "TwoHandles.closingOneLeavesTheOther");
    }

    @Test
    void correctStoreKeepingTheDefaultApplyAllPassesEveryTest() {
        SuiteRun run = SuiteRun.of(SelfTestSuites.KeepsDefaultApplyAll.class);
        assertEquals(0, run.failed.size(), run.toString());
        assertEquals(0, run.aborted.size(), run.toString());
    }

    @Test
    void cleanupClosesEveryHandleEvenWhenOneCloseThrows() {
        SuiteRun.of(SelfTestSuites.CloseThrows.class);
        assertTrue(SelfTestSuites.CloseThrows.OPENED.size() > 100, "handles opened: " + SelfTestSuites.CloseThrows.OPENED.size());
        Set<Object> leaked = new HashSet<>(SelfTestSuites.CloseThrows.OPENED);
        leaked.removeAll(SelfTestSuites.CloseThrows.CLOSED);
        assertEquals(Set.of(), leaked, "handles the kit left open");
    }

    @Test
    void storeKeepingDeletionsAndRenewalsInTheHandleFailsTheEveryKindOfChangeTests() {
        SuiteRun run = assertCaught(SelfTestSuites.KeepsRemovalsInTheHandle.class,
                "Durability.everyKindOfChangeSurvivesReopen", "TwoHandles.everyReadSeesTheOtherHandlesChanges");
        assertPassed(run, "Durability.everythingSurvivesReopen", "TwoHandles.secondSeesFirst");
    }

    @Test
    void storeCachingSingleItemReadsFailsTheTwoHandleReadTest() {
        SuiteRun run = assertCaught(SelfTestSuites.CachesSingleReads.class,
                "TwoHandles.everyReadSeesTheOtherHandlesChanges");
        assertPassed(run, "TwoHandles.secondSeesFirst", "TwoHandles.headsHoldAcrossHandles");
    }

    @Test
    void storeMatchingNamesAsLikePatternsFailsTheSpecialNameTests() {
        SuiteRun run = assertCaught(SelfTestSuites.LikePatterns.class, "SpecialNames.listStreams",
                "SpecialNames.listSnapshots", "SpecialNames.listNamespaces", "SpecialNames.listFences",
                "SpecialNames.readsAreExact");
        assertPassed(run, "Journal.listStreamsByPrefix", "Snapshots.listByPrefix", "Records.listNamespaces",
                "Fences.listByPrefix", "Records.namespacesAreSeparate");
    }

    @Test
    void storeFoldingCaseFailsTheSpecialNameTests() {
        assertCaught(SelfTestSuites.FoldsCase.class, "SpecialNames.listStreams", "SpecialNames.listSnapshots",
                "SpecialNames.listNamespaces", "SpecialNames.listFences", "SpecialNames.readsAreExact");
    }

    @Test
    void storeLettingReadersSeeHalfWrittenBatchesFailsTheVisibilityTest() {
        SuiteRun run = assertCaught(SelfTestSuites.PausesMidBatch.class, "Visibility.batchesAreSeenWhole");
        assertPassed(run, "Concurrency.readerSeesPrefixes", "Guards.failingAppendMidBatchWritesNothing",
                "Guards.failingSetFenceMidBatchWritesNothing", "ApplyAll.conflictInTheMiddle");
    }

    @Test
    void correctProviderPassesTheProviderKit() {
        SuiteRun run = SuiteRun.of(ProviderSuites.Correct.class);
        assertEquals(0, run.failed.size(), run.toString());
        assertEquals(0, run.aborted.size(), run.toString());
        assertEquals(6, run.total(), run.toString());
    }

    @Test
    void providerIgnoringItsOptionsFailsTheOptionTests() {
        SuiteRun run = SuiteRun.of(ProviderSuites.IgnoresUnknownOptions.class);
        assertEquals(Set.of("unknownOptionRejected", "malformedOptionsRejected"), run.failed.keySet(), run.toString());
    }

    @Test
    void providerMissingFromMetaInfServicesFailsTheRegistrationTest() {
        SuiteRun run = SuiteRun.of(ProviderSuites.Unregistered.class);
        assertEquals(Set.of("registeredForServiceLoader"), run.failed.keySet(), run.toString());
    }
}
