package dev.steadfast.fence;

import static dev.steadfast.fence.FencesTest.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.testing.Backend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Renew and release are judged against the stored fence: only its holder, with its token, while it runs. */
class LeaseHolderTest {
    private static final String SOURCE = "dev.steadfast.testing.Backends#all";
    private static final Duration TTL = Duration.ofSeconds(30);
    private static final FenceTokens HMAC =
            FenceTokens.hmac("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void aReleasedLeaseCannotBeRenewedWithThePreReleaseCopy(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            ManualClock clock = new ManualClock(1_000);
            Leases leases = new Leases(store, clock, HMAC);
            Lease held = leases.acquire("job", "a", TTL).orElseThrow();
            leases.release(held).orElseThrow();

            OwnershipError refused = rejected(leases.renew(held, TTL));
            assertEquals(new OwnershipError.LeaseExpired("job", "a", 1, 0, 1_000), refused);
            assertTrue(refused.message().endsWith("was released"), refused.message());
            assertEquals(0, store.readFence("job").orElseThrow().leaseUntilMillis());
            assertEquals(2, leases.acquire("job", "b", TTL).orElseThrow().epoch(), "failover is not held up");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void anotherOwnerWithTheHoldersEpochCanNeitherRenewNorRelease(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            Leases leases = new Leases(store, new ManualClock(0), HMAC);
            Lease held = leases.acquire("job", "a", TTL).orElseThrow();
            Fence before = store.readFence("job").orElseThrow();
            Lease mallory = new Lease(new OwnershipFence("job", "mallory", 1, "not-a-valid-token"), 60_000);

            assertEquals(new OwnershipError.SplitBrain("a", "mallory", 1), rejected(leases.renew(mallory, TTL)));
            assertEquals(new OwnershipError.SplitBrain("a", "mallory", 1), rejected(leases.release(mallory)));
            assertEquals(before, store.readFence("job").orElseThrow());
            assertEquals(Optional.empty(), new Fences(store, HMAC).check(held.fence()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void theHoldersNameWithoutItsTokenCanNeitherRenewNorRelease(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            Leases leases = new Leases(store, new ManualClock(0), HMAC);
            Lease held = leases.acquire("job", "a", TTL).orElseThrow();
            Fence before = store.readFence("job").orElseThrow();
            Lease forged = new Lease(new OwnershipFence("job", "a", 1, "not-a-valid-token"), held.untilMillis());
            // Valid for (job, a, 1) under other keys, so only the comparison with the stored token catches it.
            String unkeyed = FenceTokens.unkeyed().tokenFor("job", "a", 1);
            Lease otherKey = new Lease(new OwnershipFence("job", "a", 1, unkeyed), held.untilMillis());

            for (Lease bad : new Lease[] {forged, otherKey}) {
                assertEquals(new OwnershipError.InvalidToken("a", 1), rejected(leases.renew(bad, TTL)));
                assertEquals(new OwnershipError.InvalidToken("a", 1), rejected(leases.release(bad)));
            }
            assertEquals(before, store.readFence("job").orElseThrow());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void aCopyThatOutlivesTheStoredLeaseCannotReviveIt(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            ManualClock clock = new ManualClock(0);
            Leases leases = new Leases(store, clock, HMAC);
            Lease acquired = leases.acquire("job", "a", TTL).orElseThrow();
            Lease longCopy = leases.renew(acquired, Duration.ofSeconds(60)).orElseThrow();
            leases.renew(longCopy, Duration.ofSeconds(1)).orElseThrow(); // the stored lease now ends at 1 s
            clock.advanceMillis(1_000);

            assertEquals(new OwnershipError.LeaseExpired("job", "a", 1, 1_000, 1_000),
                    rejected(leases.renew(longCopy, TTL)));
            assertEquals(1_000, store.readFence("job").orElseThrow().leaseUntilMillis());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void releasingTwiceIsGrantedAndWritesOnce(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            Leases leases = new Leases(store, new ManualClock(0), HMAC);
            Lease held = leases.acquire("job", "a", TTL).orElseThrow();
            assertEquals(0, leases.release(held).orElseThrow().untilMillis());
            assertEquals(0, leases.release(held).orElseThrow().untilMillis());
            assertEquals(0, store.readFence("job").orElseThrow().leaseUntilMillis());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void aTtlTooLongForMillisecondsSaturatesInsteadOfThrowing(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            ManualClock clock = new ManualClock(5);
            Leases leases = new Leases(store, clock, HMAC);
            Duration forever = ChronoUnit.FOREVER.getDuration();
            Lease held = leases.acquire("job", "a", forever).orElseThrow();
            assertEquals(Long.MAX_VALUE, held.untilMillis());
            assertEquals(Long.MAX_VALUE, leases.renew(held, forever).orElseThrow().untilMillis());
            assertEquals(OwnershipError.LeaseHeld.class, rejected(leases.acquire("job", "b", TTL)).getClass());
            assertEquals(6, leases.renew(held, Duration.ofNanos(1)).orElseThrow().untilMillis(),
                    "a sub-millisecond ttl is one millisecond");
        }
    }
}
