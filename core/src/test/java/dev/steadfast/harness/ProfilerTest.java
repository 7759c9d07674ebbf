package dev.steadfast.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Store;
import dev.steadfast.testing.Backends;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profile mode's shape and verdict; its figures are wall-clock and not asserted. */
class ProfilerTest {
    @Test
    void realThreadsOnOneLeaseKeepTheInvariantsAndEveryRoundIsCounted(@TempDir Path dir) throws Exception {
        try (Store store = Backends.memory().open(dir)) {
            ProfileResult r = Profiler.run(store, "p", 2, 3, Duration.ofMillis(150));

            assertTrue(r.violations().isEmpty(), r::markdown);
            assertEquals(3, r.acquisitions().size());
            r.acquisitions().forEach(round -> assertEquals(2, round.size()));
            // Every contender tries at least once, however late it starts, and the first try on the free lease
            // is granted: so there is at least one acquisition and one hold of three writes, whatever the timing.
            assertTrue(r.acquisitions().stream().flatMap(List::stream).mapToLong(Long::longValue).sum() >= 1,
                    r::markdown);
            assertTrue(r.acquire().count() >= 1 && r.write().count() >= 3, r::markdown);
            assertTrue(r.markdown().contains("not deterministic"), r::markdown);
        }
    }

    @Test
    void fairnessIsTheFewestAcquisitionsOverTheMostPerRound() {
        ProfileResult r = new ProfileResult(2, List.of(List.of(3L, 3L), List.of(1L, 4L), List.of(0L, 0L)),
                Latency.of(List.of()), Latency.of(List.of()), List.of());

        assertEquals(1.0, r.minMaxShare(0));
        assertEquals(0.25, r.minMaxShare(1));
        assertEquals(1.0, r.minMaxShare(2));
        assertTrue(r.markdown().contains("| 2 | [1, 4] | 0.25 |"), r::markdown);
    }

    @Test
    void latencyPercentilesAreNearestRankInMicroseconds() {
        List<Long> nanos = new java.util.ArrayList<>();
        for (long i = 1; i <= 100; i++) {
            nanos.add(i * 1_000);
        }
        assertEquals(new Latency(100, 50, 95, 99), Latency.of(nanos));
    }

    @Test
    void badSettingsAreRejectedNamingThem(@TempDir Path dir) {
        try (Store store = Backends.memory().open(dir)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Profiler.run(store, "p", 0, 3, Duration.ofMillis(10)));
            assertTrue(e.getMessage().contains("contenders >= 1"), e.getMessage());
        }
    }
}
