package dev.steadfast.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConcurrentContendersTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void contendersRacingForAnExpiredLeaseGetExactlyOneWinner(Backend backend, @TempDir Path dir)
            throws Exception {
        int contenders = 8;
        try (Store store = backend.open(dir)) {
            ManualClock clock = new ManualClock(0);
            Leases leases = new Leases(store, clock);
            leases.acquire("job", "old", Duration.ofMillis(10)).orElseThrow();
            clock.advanceMillis(10);
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(contenders);
            try {
                List<Future<Claim<Lease>>> claims = new ArrayList<>();
                for (int i = 0; i < contenders; i++) {
                    String owner = "c" + i;
                    claims.add(pool.submit(() -> {
                        go.await();
                        return leases.acquire("job", owner, Duration.ofSeconds(1));
                    }));
                }
                go.countDown();
                List<Lease> winners = new ArrayList<>();
                for (Future<Claim<Lease>> f : claims) {
                    Claim<Lease> claim = f.get(60, TimeUnit.SECONDS);
                    if (claim instanceof Claim.Granted<Lease> g) {
                        winners.add(g.value());
                    } else {
                        String label = ((Claim.Rejected<Lease>) claim).error().label();
                        assertTrue(Set.of("lost_race", "lease_held").contains(label), label);
                    }
                }
                assertEquals(1, winners.size(), "winners: " + winners);
                assertEquals(2, winners.get(0).epoch());
                assertEquals(winners.get(0).owner(), store.readFence("job").orElseThrow().owner());
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
