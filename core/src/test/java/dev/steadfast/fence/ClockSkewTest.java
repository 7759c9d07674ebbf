package dev.steadfast.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Leases are liveness, the epoch is safety: contenders whose clocks disagree never get two writers. */
class ClockSkewTest {
    private static final StreamId LOG = StreamId.of("ledger");
    private static final Duration TTL = Duration.ofSeconds(10);

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void contenderWithClockAheadTakesOverEarlyAndFromThenTheOldOwnersWritesAreRefused(Backend backend,
                                                                                     @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            ManualClock clockA = new ManualClock(1_000_000);
            ManualClock clockB = new ManualClock(1_000_000 + 60_000);
            Leases leasesA = new Leases(store, clockA);
            Leases leasesB = new Leases(store, clockB);

            Lease a = leasesA.acquire("ledger", "a", TTL).orElseThrow();
            assertTrue(store.apply(append(a, 0, 1)).isCommitted());

            Lease b = leasesB.acquire("ledger", "b", TTL).orElseThrow();
            assertEquals(2, b.epoch());
            assertTrue(a.activeAt(clockA.millis()), "on A's own clock its lease still runs");

            FencedOut refused = assertInstanceOf(FencedOut.class, store.apply(append(a, 1, 2)));
            assertEquals("b", refused.foundOwner());
            assertEquals(1, store.journalHead(LOG));
            assertEquals(new OwnershipError.Superseded("ledger", "a", 1, "b", 2),
                    FencesTest.rejected(leasesA.renew(a, TTL)));

            assertTrue(store.apply(append(b, 1, 3)).isCommitted());
            assertEquals(2, store.journalHead(LOG));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void contenderWithClockBehindWaitsLongerButNeverDisplacesARunningHolder(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            ManualClock clockA = new ManualClock(1_000_000);
            ManualClock clockB = new ManualClock(1_000_000 - 60_000);
            Lease a = new Leases(store, clockA).acquire("ledger", "a", TTL).orElseThrow();
            Leases leasesB = new Leases(store, clockB);
            clockB.advanceMillis(60_000 + 9_999);
            assertEquals("lease_held", FencesTest.rejected(leasesB.acquire("ledger", "b", TTL)).label());
            assertTrue(store.apply(append(a, 0, 1)).isCommitted());
        }
    }

    private static WriteBatch append(Lease lease, long head, int value) {
        return WriteBatch.builder().guard(lease.guard()).append(LOG, head, new byte[] {(byte) value}).build();
    }
}
