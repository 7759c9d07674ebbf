package dev.steadfast.fence;

import static dev.steadfast.fence.FencesTest.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LeasesTest {
    private static final String SOURCE = "dev.steadfast.testing.Backends#all";
    private static final Duration TTL = Duration.ofMillis(1_000);

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void runningLeaseRefusesOthersAndExpiryLetsTheNextOwnerInAtTheNextEpoch(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            ManualClock clock = new ManualClock(10_000);
            Leases leases = new Leases(store, clock);
            Lease a = leases.acquire("job", "a", TTL).orElseThrow();
            assertEquals(1, a.epoch());
            assertEquals(11_000, a.untilMillis());
            assertEquals(a, leases.acquire("job", "a", TTL).orElseThrow());
            clock.advanceMillis(999);
            assertEquals(new OwnershipError.LeaseHeld("job", "a", 1, 11_000, 10_999),
                    rejected(leases.acquire("job", "b", TTL)));
            clock.advanceMillis(1);
            Lease b = leases.acquire("job", "b", TTL).orElseThrow();
            assertEquals(2, b.epoch());
            assertEquals(12_000, b.untilMillis());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void renewalOneMillisecondBeforeTheEdgeExtendsAndAtTheEdgeIsTooLate(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            ManualClock clock = new ManualClock(0);
            Leases leases = new Leases(store, clock);
            Lease a = leases.acquire("job", "a", TTL).orElseThrow();
            clock.advanceMillis(999);
            Lease renewed = leases.renew(a, TTL).orElseThrow();
            assertEquals(1_999, renewed.untilMillis());
            assertEquals(1, renewed.epoch());
            assertEquals(1_999, store.readFence("job").orElseThrow().leaseUntilMillis());
            clock.advanceMillis(1_000);
            assertEquals(new OwnershipError.LeaseExpired("job", "a", 1, 1_999, 1_999),
                    rejected(leases.renew(renewed, TTL)));
            Lease again = leases.acquire("job", "a", TTL).orElseThrow();
            assertEquals(2, again.epoch());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void releaseLetsTheNextContenderInAtOnce(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            ManualClock clock = new ManualClock(0);
            Leases leases = new Leases(store, clock);
            Lease a = leases.acquire("job", "a", Duration.ofHours(1)).orElseThrow();
            Lease released = leases.release(a).orElseThrow();
            assertEquals(0, released.untilMillis());
            assertEquals(0, store.readFence("job").orElseThrow().leaseUntilMillis());
            assertEquals(2, leases.acquire("job", "b", TTL).orElseThrow().epoch());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void supersededHolderCanNeitherRenewNorRelease(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            ManualClock clock = new ManualClock(0);
            Leases leases = new Leases(store, clock);
            Lease a = leases.acquire("job", "a", TTL).orElseThrow();
            leases.release(a).orElseThrow();
            leases.acquire("job", "b", TTL).orElseThrow();
            OwnershipError renew = rejected(leases.renew(a, TTL));
            assertEquals(new OwnershipError.Superseded("job", "a", 1, "b", 2), renew);
            assertInstanceOf(OwnershipError.Superseded.class, rejected(leases.release(a)));
            assertEquals("b", store.readFence("job").orElseThrow().owner());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void nonPositiveTtlIsRejectedBeforeTouchingTheStore(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            Leases leases = new Leases(store, new ManualClock());
            assertThrows(IllegalArgumentException.class, () -> leases.acquire("job", "a", Duration.ZERO));
            assertThrows(IllegalArgumentException.class, () -> leases.acquire("job", "a", Duration.ofMillis(-1)));
            assertEquals(0, store.listFences("").size());
        }
    }
}
