package dev.steadfast.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Store;
import dev.steadfast.testing.Backend;
import dev.steadfast.testing.Backends;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario on every backend: the two runs agree, every invariant holds, the budget is met, and the
 * signature is the one the in-memory reference store gives (a run is a function of scenario, seed and the store's
 * behaviour, and every backend behaves as the SPI says).
 */
class HarnessDeterminismTest {
    private static final long SEED = 5;
    private static final Map<Scenario, String> REFERENCE = new EnumMap<>(Scenario.class);

    @BeforeAll
    static void referenceSignaturesOnMemory(@TempDir Path dir) {
        try (Store store = Backends.memory().open(dir)) {
            Harness harness = new Harness(store, "reference");
            for (Scenario s : Scenario.values()) {
                REFERENCE.put(s, harness.runScenario(s, SEED).signature());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void everyScenarioIsDeterministicKeepsItsInvariantsAndMatchesTheReferenceSignature(Backend backend,
                                                                                       @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            Report report = new Harness(store, "h").runMatrix(SEED);

            assertTrue(report.passed(), report::markdown);
            for (ScenarioOutcome o : report.outcomes()) {
                assertTrue(o.deterministic() && o.invariantsMet(), o::toString);
                assertEquals(REFERENCE.get(o.scenario()), o.signature(), o.scenario().label() + " on " + backend);
            }
        }
    }
}
