package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Proves the closed-store tests that pin calls with nothing to do: each store of {@link BrokenClosing} fails
 * exactly the cases written for its short cut, and every other test of the kit passes.
 */
class ClosedStoreSelfTest {

    /** Runs the whole kit but the model test: the failures are {@code factory}'s cases for {@code calls}, no more. */
    private static void assertFailsOnly(Class<? extends StoreTck> suite, String factory, String... calls) {
        SuiteRun run = SuiteRun.withoutModel(suite);
        Set<String> expected = new TreeSet<>(Set.of("ClosedStore." + factory));
        for (String call : calls) {
            expected.add("ClosedStore." + factory + "[" + call + " throws StoreClosedException]");
        }
        assertEquals(expected, run.failed.keySet(), suite.getSimpleName() + ": " + run);
        assertEquals(Set.of(), run.aborted, run.toString());
        assertTrue(run.total() >= 150, "the kit should have run every test, ran " + run.total());
    }

    @Test
    void storeAnsweringSpaceCallsAfterCloseFailsOnlyThoseCasesOfEveryMethodThrows() {
        assertFailsOnly(SelfTestSuites.SpaceCallsIgnoreClose.class, "everyMethodThrows", "storageBytes",
                "reclaimSpace");
    }

    @Test
    void storeAnsweringAnEmptyApplyAllAfterCloseFailsOnlyThatCase() {
        assertFailsOnly(SelfTestSuites.EmptyApplyAllIgnoresClose.class, "callsWithNothingToDoThrow",
                "applyAll(no batches)");
    }

    @Test
    void storeAnsweringEmptyReadsAfterCloseFailsOnlyThoseCases() {
        assertFailsOnly(SelfTestSuites.EmptyReadsIgnoreClose.class, "callsWithNothingToDoThrow",
                "readJournal(maxEntries 0)", "readJournal(toSequence below fromSequence)", "readJournal(toSequence 0)",
                "scanRecords(limit 0)", "scanRecords(empty range)");
    }
}
