package dev.steadfast.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Store;
import dev.steadfast.testing.Backends;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On the reference store every seed passes the default budget: the budget is a bound, not a measured figure. */
class SeedSearchTest {
    static final int SEEDS = Integer.getInteger("steadfast.harness.seeds", 60);

    @Test
    void aSearchOverManySeedsOfTheReferenceStorePassesAndExercisesEveryRule(@TempDir Path dir) {
        try (Store store = Backends.memory().open(dir)) {
            List<ScenarioOutcome> seen = new ArrayList<>();
            SearchResult result = new Harness(store, "search").search(1000, SEEDS, seen::add);

            assertTrue(result.failingSeed().isEmpty(), () -> result.report().markdown());
            assertEquals(SEEDS, result.seedsRun());
            assertEquals(SEEDS * Scenario.values().length, seen.size());
            Metrics total = sum(seen);
            // The matrix is only a proof if it provokes what it claims to withstand.
            assertTrue(total.splitBrainRejections() > 0 && total.staleOwnerRejections() > 0
                    && total.invalidTokenRejections() > 0, total::toString);
            assertTrue(total.staleWritesRefused() > 0 && total.earlyTakeovers() > 0 && total.retryAttempts() > 0,
                    total::toString);
            assertTrue(total.takeoverSuccesses() > 0 && total.acknowledgedWrites() > 0, total::toString);
        }
    }

    private static Metrics sum(List<ScenarioOutcome> outcomes) {
        long[] t = new long[7];
        for (ScenarioOutcome o : outcomes) {
            Metrics m = o.metrics();
            t[0] += m.splitBrainRejections();
            t[1] += m.staleOwnerRejections();
            t[2] += m.invalidTokenRejections();
            t[3] += m.staleWritesRefused();
            t[4] += m.earlyTakeovers();
            t[5] += m.retryAttempts();
            t[6] += m.takeoverSuccesses();
        }
        long acked = outcomes.stream().mapToLong(o -> o.metrics().acknowledgedWrites()).sum();
        return new Metrics(0, t[0], t[1], t[2], t[6], 0, 0, 0, t[5], 0, 0, t[4], acked, t[3], 0);
    }
}
