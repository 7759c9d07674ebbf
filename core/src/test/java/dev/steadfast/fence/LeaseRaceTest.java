package dev.steadfast.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.tck.ForwardingStore;
import dev.steadfast.testing.Latches;
import dev.steadfast.testing.Stores;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A release racing a renewal of the same lease: the lease ends released, never renewed after the release. */
class LeaseRaceTest {
    private static final long TIMEOUT_SECONDS = Latches.TIMEOUT_SECONDS;

    @Test
    void aReleaseRacingARenewalLandsAfterItAndTheLeaseEndsReleased() throws Exception {
        CountDownLatch renewRead = new CountDownLatch(1);
        CountDownLatch resumeRenew = new CountDownLatch(1);
        Thread[] renewer = new Thread[1];
        try (Store store = new ForwardingStore(Stores.open("memory:")) {
            @Override
            public Optional<Fence> readFence(String name) {
                Optional<Fence> fence = super.readFence(name);
                if (Thread.currentThread() == renewer[0] && renewRead.getCount() > 0) {
                    // The renewal has read a running lease; hold it here, before its write.
                    renewRead.countDown();
                    Latches.await(resumeRenew);
                }
                return fence;
            }
        }) {
            Leases leases = new Leases(store, new ManualClock(0));
            Lease held = leases.acquire("job", "a", Duration.ofSeconds(30)).orElseThrow();
            CompletableFuture<Claim<Lease>> renewal = new CompletableFuture<>();
            renewer[0] = new Thread(() -> renewal.complete(leases.renew(held, Duration.ofSeconds(30))));
            renewer[0].start();
            Latches.await(renewRead);

            CompletableFuture<Claim<Lease>> release = new CompletableFuture<>();
            Thread releaser = new Thread(() -> release.complete(new Leases(store, new ManualClock(0)).release(held)));
            releaser.start();
            // Either the release finishes first (it must not be undone) or it waits for the renewal.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (!release.isDone() && releaser.getState() != Thread.State.BLOCKED) {
                if (System.nanoTime() > deadline) {
                    fail("the release neither finished nor waited");
                }
                Thread.yield();
            }
            resumeRenew.countDown();

            assertTrue(renewal.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).isGranted());
            assertTrue(release.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).isGranted());
            assertEquals(0, store.readFence("job").orElseThrow().leaseUntilMillis(), "the release was undone");
        }
    }
}
