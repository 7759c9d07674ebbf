package dev.steadfast.fence;

import static dev.steadfast.fence.FencesTest.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.tck.ForwardingStore;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A renewal racing a release of the same lease through another store handle (as another process would): whichever
 * lands first, the lease ends released, never renewed after the release. No lock in this JVM is involved; the
 * store's compare-and-set on the exact fence decides.
 */
class LeaseRaceTest {
    private static final Duration TTL = Duration.ofSeconds(30);

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void aReleaseThatLandsJustBeforeARenewalIsNeverUndoneByIt(Backend backend, @TempDir Path dir) {
        try (Store first = backend.open(dir); Store second = secondHandle(backend, dir, first)) {
            ManualClock clock = new ManualClock(0);
            Lease held = new Leases(first, clock).acquire("job", "a", TTL).orElseThrow();
            Leases releaser = new Leases(second, clock);
            AtomicReference<Claim<Lease>> released = new AtomicReference<>();
            // The renewal has made up its mind and is about to write: the release lands first.
            Store racing = beforeFirstWrite(first, () -> released.set(releaser.release(held)));
            clock.advanceMillis(1_000);
            OwnershipError renewal = rejected(new Leases(racing, clock).renew(held, TTL));

            assertEquals(0, released.get().orElseThrow().untilMillis());
            assertInstanceOf(OwnershipError.LeaseExpired.class, renewal);
            assertEquals(0, first.readFence("job").orElseThrow().leaseUntilMillis(), "the release was undone");
            assertEquals(0, second.readFence("job").orElseThrow().leaseUntilMillis(), "the release was undone");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void aRenewalThatLandsJustBeforeAReleaseIsReleasedAfterIt(Backend backend, @TempDir Path dir) {
        try (Store first = backend.open(dir); Store second = secondHandle(backend, dir, first)) {
            ManualClock clock = new ManualClock(0);
            Lease held = new Leases(first, clock).acquire("job", "a", TTL).orElseThrow();
            Leases renewer = new Leases(second, clock);
            AtomicReference<Claim<Lease>> renewed = new AtomicReference<>();
            Store racing = beforeFirstWrite(first, () -> renewed.set(renewer.renew(held, TTL)));
            clock.advanceMillis(1_000);
            Lease released = new Leases(racing, clock).release(held).orElseThrow();

            assertEquals(31_000, renewed.get().orElseThrow().untilMillis());
            assertEquals(0, released.untilMillis());
            assertEquals(0, second.readFence("job").orElseThrow().leaseUntilMillis(), "the renewal outlived it");
        }
    }

    /** {@code store}, running {@code meanwhile} once, just before its first write goes to the store. */
    private static Store beforeFirstWrite(Store store, Runnable meanwhile) {
        AtomicBoolean ran = new AtomicBoolean();
        return new ForwardingStore(store) {
            @Override
            public WriteResult apply(WriteBatch batch) {
                if (ran.compareAndSet(false, true)) {
                    meanwhile.run();
                }
                return super.apply(batch);
            }
        };
    }

    /** Another handle on the same store where the backend shares stores between handles; else the same one. */
    private static Store secondHandle(Backend backend, Path dir, Store first) {
        if (!first.descriptor().sharedAcrossProcesses()) {
            return new ForwardingStore(first) {
                @Override
                public void close() {
                    // the first handle closes it
                }
            };
        }
        return backend.open(dir);
    }
}
