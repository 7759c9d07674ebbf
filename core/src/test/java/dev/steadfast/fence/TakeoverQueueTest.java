package dev.steadfast.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TakeoverQueueTest {
    private static final Duration TTL = Duration.ofMillis(1_000);
    private static final RetryPolicy POLICY = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(400));

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void contendersAreServedInArrivalOrderAfterTheHolderReleases(Backend backend, @TempDir Path dir)
            throws InterruptedException {
        try (Store store = backend.open(dir)) {
            ManualClock clock = new ManualClock(0);
            Leases leases = new Leases(store, clock);
            TakeoverQueue queue = new TakeoverQueue(leases, "job", POLICY);
            assertEquals(1, queue.enqueue("c1", TTL));
            assertEquals(2, queue.enqueue("c2", TTL));
            assertEquals(3, queue.enqueue("c3", TTL));
            assertEquals(List.of("c1", "c2", "c3"), queue.waiting());

            for (int i = 1; i <= 3; i++) {
                TakeoverOutcome.Served served =
                        assertInstanceOf(TakeoverOutcome.Served.class, queue.serveNext().orElseThrow());
                assertEquals("c" + i, served.owner());
                assertEquals(i, served.lease().epoch());
                assertEquals(1, served.attempts());
                leases.release(served.lease()).orElseThrow();
            }
            assertTrue(queue.serveNext().isEmpty());
            assertEquals(new QueueMetrics(0, 3, 0, 3, 0), queue.metrics());
            assertEquals(0, clock.millis(), "nobody had to wait");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void headRetriesWithBackoffOnTheClockUntilTheHoldersLeaseExpires(Backend backend, @TempDir Path dir)
            throws InterruptedException {
        try (Store store = backend.open(dir)) {
            ManualClock clock = new ManualClock(0);
            Leases leases = new Leases(store, clock);
            leases.acquire("job", "holder", TTL).orElseThrow();
            TakeoverQueue queue = new TakeoverQueue(leases, "job", POLICY);
            queue.enqueue("c1", TTL);
            queue.enqueue("c2", TTL);

            TakeoverOutcome first = queue.serveNext().orElseThrow();
            // tries at 0, 100, 300, 700 (lease held), then 1100 (expired): 4 retries, backoff 100, 200, 400, 400
            TakeoverOutcome.Served served = assertInstanceOf(TakeoverOutcome.Served.class, first);
            assertEquals("c1", served.owner());
            assertEquals(5, served.attempts());
            assertEquals(1_100, clock.millis());
            assertEquals(2, served.lease().epoch());
            assertEquals(new QueueMetrics(1, 2, 4, 1, 0), queue.metrics());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void headGivesUpAfterItsTriesAndTheNextContenderIsServedInTurn(Backend backend, @TempDir Path dir)
            throws InterruptedException {
        try (Store store = backend.open(dir)) {
            ManualClock clock = new ManualClock(0);
            Leases leases = new Leases(store, clock);
            leases.acquire("job", "holder", Duration.ofMillis(1_000)).orElseThrow();
            TakeoverQueue queue = new TakeoverQueue(leases, "job",
                    new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(100)));
            queue.enqueue("c1", TTL);
            queue.enqueue("c2", TTL);
            queue.enqueue("c3", TTL);

            List<TakeoverOutcome> outcomes = queue.drain();
            // c1 tries at 0, 100, 200; c2 at 200, 300, 400; c3 at 400, 500, 600: all while the holder's lease runs
            assertEquals(List.of("c1", "c2", "c3"), outcomes.stream().map(TakeoverOutcome::owner).toList());
            outcomes.forEach(o -> assertEquals("lease_held",
                    assertInstanceOf(TakeoverOutcome.GaveUp.class, o).lastError().label()));
            assertEquals(new QueueMetrics(0, 3, 6, 0, 3), queue.metrics());

            queue.enqueue("c4", TTL);
            clock.advanceMillis(1_000);
            assertEquals("c4", assertInstanceOf(TakeoverOutcome.Served.class, queue.serveNext().orElseThrow()).owner());
        }
    }

    @Test
    void backoffDoublesUpToItsCap() {
        assertEquals(Duration.ofMillis(100), POLICY.backoffAfter(1));
        assertEquals(Duration.ofMillis(200), POLICY.backoffAfter(2));
        assertEquals(Duration.ofMillis(400), POLICY.backoffAfter(3));
        assertEquals(Duration.ofMillis(400), POLICY.backoffAfter(30));
    }
}
