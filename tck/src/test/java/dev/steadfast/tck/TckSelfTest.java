package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        return assertCaught(SuiteRun.withoutModel(suite), suite, expectedFailures);
    }

    /**
     * Runs only the groups of {@code caught}, {@code missed} and Journal: the tests in {@code caught} must fail, and
     * the older tests in {@code missed} must pass, showing the gap the newer tests close was really open.
     */
    private static void assertOnlyNewerTestsCatch(Class<? extends StoreTck> suite, List<String> caught,
                                                  List<String> missed) {
        Set<String> groups = new TreeSet<>(List.of("Journal"));
        for (String test : caught) {
            groups.add(test.substring(0, test.indexOf('.')));
        }
        for (String test : missed) {
            groups.add(test.substring(0, test.indexOf('.')));
        }
        SuiteRun run = assertCaught(SuiteRun.of(suite, groups.toArray(String[]::new)), suite,
                caught.toArray(String[]::new));
        assertPassed(run, missed.toArray(String[]::new));
    }

    private static SuiteRun assertCaught(SuiteRun run, Class<? extends StoreTck> suite, String... expectedFailures) {
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
                "ClosedStore.everyMethodThrows", "ClosedStore.closedRefusesConflictingBatch",
                "ClosedStore.callsWithNothingToDoThrow");
        assertTrue(run.failed.keySet().containsAll(List.of(
                "ClosedStore.everyMethodThrows[apply throws StoreClosedException]",
                "ClosedStore.everyMethodThrows[readJournal throws StoreClosedException]",
                "ClosedStore.everyMethodThrows[listFences throws StoreClosedException]",
                "ClosedStore.everyMethodThrows[reclaimSpace throws StoreClosedException]")), run.toString());
    }

    @Test
    void storeNotEnforcingItsPayloadLimitFailsThePayloadTests() {
        assertCaught(SelfTestSuites.UnenforcedLimit.class, "Payloads.overMaximumRejected", "BadInput.badWrites");
    }

    @Test
    void storeNotNamingTheBadArgumentFailsTheBadInputTests() {
        List<String> groups = List.of("journalReads", "snapshotReads", "recordReads", "fenceReads", "badWrites");
        SuiteRun run = assertCaught(SuiteRun.of(SelfTestSuites.VagueMessages.class, "BadInput", "Journal"),
                SelfTestSuites.VagueMessages.class, groups.stream().map(g -> "BadInput." + g).toArray(String[]::new));
        assertTrue(run.failed.get("BadInput.recordReads[scanRecords(ns, all, -1) -> IllegalArgumentException]")
                .getMessage().contains("should name limit"), run.toString());
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
        SuiteRun.of(SelfTestSuites.CloseThrows.class, "TwoHandles", "Durability");
        assertTrue(SelfTestSuites.CloseThrows.OPENED.size() > 10, "handles opened: " + SelfTestSuites.CloseThrows.OPENED.size());
        Set<Object> leaked = new HashSet<>(SelfTestSuites.CloseThrows.OPENED);
        leaked.removeAll(SelfTestSuites.CloseThrows.CLOSED);
        assertEquals(Set.of(), leaked, "handles the kit left open");
    }

    @Test
    void storeKeepingDeletionsAndRenewalsInTheHandleFailsTheEveryKindOfChangeTests() {
        assertOnlyNewerTestsCatch(SelfTestSuites.KeepsRemovalsInTheHandle.class,
                List.of("Durability.everyKindOfChangeSurvivesReopen", "TwoHandles.everyReadSeesTheOtherHandlesChanges"),
                List.of("Durability.everythingSurvivesReopen", "TwoHandles.secondSeesFirst"));
    }

    @Test
    void storeCachingSingleItemReadsFailsTheTwoHandleReadTest() {
        assertOnlyNewerTestsCatch(SelfTestSuites.CachesSingleReads.class,
                List.of("TwoHandles.everyReadSeesTheOtherHandlesChanges"),
                List.of("TwoHandles.secondSeesFirst", "TwoHandles.headsHoldAcrossHandles"));
    }

    @Test
    void storeMatchingNamesAsLikePatternsFailsTheSpecialNameTests() {
        assertOnlyNewerTestsCatch(SelfTestSuites.LikePatterns.class, List.of("SpecialNames.listStreams",
                "SpecialNames.listSnapshots", "SpecialNames.listNamespaces", "SpecialNames.listFences",
                "SpecialNames.readsAreExact"), List.of("Journal.listStreamsByPrefix", "Snapshots.listByPrefix",
                "Records.listNamespaces", "Fences.listByPrefix", "Records.namespacesAreSeparate"));
    }

    @Test
    void storeFoldingCaseFailsTheSpecialNameTests() {
        assertOnlyNewerTestsCatch(SelfTestSuites.FoldsCase.class, List.of("SpecialNames.listStreams",
                "SpecialNames.listSnapshots", "SpecialNames.listNamespaces", "SpecialNames.listFences",
                "SpecialNames.readsAreExact"), List.of());
    }

    @Test
    void storeLettingReadersSeeHalfWrittenBatchesFailsTheVisibilityTest() {
        assertOnlyNewerTestsCatch(SelfTestSuites.PausesMidBatch.class, List.of("Visibility.batchesAreSeenWhole"),
                List.of("Concurrency.readerSeesPrefixes", "Guards.failingAppendMidBatchWritesNothing",
                        "Guards.failingSetFenceMidBatchWritesNothing", "ApplyAll.conflictInTheMiddle"));
    }

    @Test
    void storeRunningLoneAppendsFirstInAGroupFailsTheMixedGroupTest() {
        assertOnlyNewerTestsCatch(SelfTestSuites.LoneAppendsFirst.class,
                List.of("ApplyAll.loneAppendsSeeEarlierBatchesOfTheirStreamOrFence"),
                List.of("ApplyAll.independentBatches", "ApplyAll.conflictInTheMiddle",
                        "ApplyAll.conflictAfterEarlierOperationsOfItsBatch", "ApplyAll.laterBatchesSeeEarlierOnes",
                        "ApplyAll.fenceGuardedAppendsToDistinctStreams", "ApplyAll.appendsEachUnderOneFenceGuard",
                        "ApplyAll.sameHeadTwice"));
    }

    @Test
    void storeDroppingTheRestOfBatchesThatStartWithAnAppendFailsTheGroupTest() {
        assertOnlyNewerTestsCatch(SelfTestSuites.AppendsOnlyInGroups.class,
                List.of("ApplyAll.batchesStartingWithAnAppendKeepTheRest"),
                List.of("ApplyAll.independentBatches", "ApplyAll.sameHeadTwice", "ApplyAll.manyBatches"));
    }

    @Test
    void storeCheckingOnlyTheFirstGuardOfAFenceChangeFailsTheLoneFenceChangeTest() {
        assertOnlyNewerTestsCatch(SelfTestSuites.FirstGuardOfFenceChange.class,
                List.of("Guards.loneFenceChangesCheckTheirOwnGuard"),
                List.of("Guards.fenceGuardPasses", "Guards.staleFenceGuardFails", "Fences.takeover"));
    }

    @Test
    void storeWritingPayloadsInTheClearFailsTheEncryptionTest() {
        assertOnlyNewerTestsCatch(SelfTestSuites.WritesPayloadsInTheClear.class,
                List.of("Encryption.nothingIsStoredInTheClear"), List.of());
    }

    @Test
    void storeShowingAPasswordInItsLocationFailsTheDescriptorTest() {
        assertOnlyNewerTestsCatch(SelfTestSuites.LocationWithPassword.class,
                List.of("Descriptor.locationHoldsNoSecret"), List.of("Descriptor.locationIsPrintableAndStable"));
    }

    @Test
    void storeShowingTheJoinsKeyMaterialInItsLocationFailsTheDescriptorTest() {
        assertOnlyNewerTestsCatch(SelfTestSuites.LocationWithKeyMaterial.class,
                List.of("Descriptor.locationHoldsNoSecret"), List.of("Descriptor.locationIsPrintableAndStable"));
    }

    @Test
    void encryptedStoreReadingBackAChangedByteFailsTheTamperingTest() {
        assertOnlyNewerTestsCatch(SelfTestSuites.TrustsItsFiles.class,
                List.of("Tampering.changedByteIsDetectedNeverReadBack"),
                List.of("Encryption.nothingIsStoredInTheClear", "Durability.everyKindOfChangeSurvivesReopen"));
    }

    @Test
    void storeThrowingOnAnInterruptedCommitPassesTheInterruptTests() {
        SuiteRun run = SuiteRun.of(SelfTestSuites.FailsOnInterrupt.class, "InterruptedCommits", "Journal");
        assertEquals(0, run.failed.size(), run.toString());
        assertPassed(run, "InterruptedCommits.interruptedApplyIsTruthful",
                "InterruptedCommits.interruptedApplyAllIsTruthfulOrThrowsWhole");
    }

    @Test
    void storeBrokenForEveryCallerByOneInterruptedCallFailsOnlyTheInterruptedCallerTests() {
        assertOnlyNewerTestsCatch(SelfTestSuites.BrokenByInterrupt.class,
                List.of("InterruptedCallers.anInterruptedWriteLeavesTheStoreUsableForEveryOtherCall",
                        "InterruptedCallers.anInterruptedReadLeavesTheStoreUsableForEveryOtherCall"),
                List.of("InterruptedCommits.interruptedApplyIsTruthful",
                        "InterruptedCommits.interruptedApplyAllIsTruthfulOrThrowsWhole"));
    }

    @Test
    void storeClearingItsCallersInterruptFailsTheInterruptedCallerWriteTest() {
        SuiteRun run = assertCaught(SuiteRun.of(SelfTestSuites.FailsOnInterrupt.class, "InterruptedCallers",
                "Journal"), SelfTestSuites.FailsOnInterrupt.class,
                "InterruptedCallers.anInterruptedWriteLeavesTheStoreUsableForEveryOtherCall");
        assertPassed(run, "InterruptedCallers.anInterruptedReadLeavesTheStoreUsableForEveryOtherCall");
    }

    @Test
    void storeReportingAFailedCommitAsCommittedFailsTheInterruptTests() {
        assertOnlyNewerTestsCatch(SelfTestSuites.SwallowsFailedCommits.class,
                List.of("InterruptedCommits.interruptedApplyIsTruthful",
                        "InterruptedCommits.interruptedApplyAllIsTruthfulOrThrowsWhole"),
                List.of("Durability.everyKindOfChangeSurvivesReopen", "ApplyAll.conflictInTheMiddle"));
    }

    @Test
    void storeRetryingAnUncertainCommitIntoAConflictFailsTheInterruptTests() {
        assertOnlyNewerTestsCatch(SelfTestSuites.RetriesUncertainCommits.class,
                List.of("InterruptedCommits.interruptedApplyIsTruthful",
                        "InterruptedCommits.interruptedApplyAllIsTruthfulOrThrowsWhole"),
                List.of("Durability.everyKindOfChangeSurvivesReopen", "ApplyAll.conflictInTheMiddle"));
    }

    @Test
    void applyAllReturningPartOfItsResultsOnAFaultFailsTheApplyAllInterruptTest() {
        assertOnlyNewerTestsCatch(SelfTestSuites.PartialResultsOnFault.class,
                List.of("InterruptedCommits.interruptedApplyAllIsTruthfulOrThrowsWhole"),
                List.of("InterruptedCommits.interruptedApplyIsTruthful", "ApplyAll.conflictInTheMiddle"));
    }

    @Test
    void storeSyncingEachCommitPassesTheKillNineKit() {
        SuiteRun run = SuiteRun.of(CrashSuites.SyncsEachCommit.class);
        assertEquals(Set.of("acknowledgedWritesSurviveKillNine"), run.passed, run.toString());
    }

    @Test
    void storeWritingOnlyOnCloseFailsTheKillNineKitButNotTheDurabilityTests() {
        SuiteRun run = SuiteRun.of(CrashSuites.WritesOnlyOnClose.class);
        assertEquals(Set.of("acknowledgedWritesSurviveKillNine"), run.failed.keySet(), run.toString());
        SuiteRun store = SuiteRun.of(CrashSuites.WritesOnlyOnCloseInTheStoreKit.class, "Durability");
        assertEquals(0, store.failed.size(), store.toString());
        assertTrue(store.passed.contains("Durability.everyKindOfChangeSurvivesReopen"), store.toString());
    }

    @Test
    void childJvmReopensAStoreNamedInMemoryOnlyWithTheJoinsChildProperties() {
        SuiteRun handed = SuiteRun.of(CrashSuites.NamedInMemory.class);
        assertEquals(Set.of("acknowledgedWritesSurviveKillNine"), handed.passed, handed.toString());
        SuiteRun forgotten = SuiteRun.of(CrashSuites.NamedInMemoryNotHandedOver.class);
        assertEquals(Set.of("acknowledgedWritesSurviveKillNine"), forgotten.failed.keySet(), forgotten.toString());
    }

    @Test
    void storePagingReadsByPositionFailsTheOpenReadTest() {
        assertOnlyNewerTestsCatch(SelfTestSuites.OffsetPaging.class,
                List.of("OpenReads.truncationDuringAnOpenReadSkipsOnlyWhatItRemoved"),
                List.of("Journal.truncateKeepsHead", "Journal.longRangeReadsEndExactlyAtTo", "Journal.smallMaxOnLongJournal",
                        "Visibility.batchesAreSeenWhole"));
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

    @Test
    void modelTestCatchesEveryBrokenStoreAndShrinksToAFewSteps() {
        List<Class<? extends StoreTck>> broken = List.of(SelfTestSuites.IgnoresGuards.class,
                SelfTestSuites.HeadFromLastEntry.class, SelfTestSuites.SignedScan.class, SelfTestSuites.NotAtomic.class,
                SelfTestSuites.FenceWithoutCompare.class, SelfTestSuites.ForgetsOnReopen.class,
                SelfTestSuites.KeepsRemovalsInTheHandle.class, SelfTestSuites.CachesSingleReads.class);
        for (Class<? extends StoreTck> suite : broken) {
            SuiteRun run = SuiteRun.of(suite, "Model");
            Throwable failure = run.failed.get("Model.randomSequencesMatchTheModel");
            assertTrue(failure != null, suite.getSimpleName() + " should fail the model test; " + run);
            Matcher shrunk = Pattern.compile("shrunk to (\\d+) steps")
                    .matcher(failure.getMessage());
            assertTrue(shrunk.find(), failure.getMessage());
            System.out.println(suite.getSimpleName() + ": " + failure.getMessage());
            int size = Integer.parseInt(shrunk.group(1));
            assertTrue(size <= 6, suite.getSimpleName() + " shrunk only to " + failure.getMessage());
            assertEquals(size, shrunkSteps(failure.getMessage()).size(), "the report should list every step it kept: "
                    + failure.getMessage());
        }
    }

    /** The numbered steps of a model failure report, in order. */
    private static List<String> shrunkSteps(String report) {
        Matcher step = Pattern.compile("(?m)^  (\\d+)\\. (.+)$").matcher(report);
        List<String> steps = new java.util.ArrayList<>();
        while (step.find()) {
            assertEquals(steps.size() + 1, Integer.parseInt(step.group(1)), report);
            steps.add(step.group(2));
        }
        return steps;
    }

    @Test
    void storeForgettingOnReopenIsReportedAsOneWriteThenAReopenOrASecondHandle() {
        SuiteRun run = SuiteRun.of(SelfTestSuites.ForgetsOnReopen.class, "Model");
        String report = run.failed.get("Model.randomSequencesMatchTheModel").getMessage();
        System.out.println("ForgetsOnReopen: " + report);
        List<String> steps = shrunkSteps(report);
        assertTrue(report.contains("shrunk to 2 steps:"), report);
        assertEquals(2, steps.size(), report);
        assertTrue(steps.get(0).startsWith("apply"), report);
        assertTrue(List.of("close and reopen", "read everything through a second handle").contains(steps.get(1)),
                report);
    }
}
