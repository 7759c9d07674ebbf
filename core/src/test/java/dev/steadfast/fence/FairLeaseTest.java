package dev.steadfast.fence;

import static dev.steadfast.fence.FencesTest.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.tck.ForwardingStore;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contenders that release and ask again at once share a lease in turns, because waiters queue in the store: the
 * holder that just released goes behind those already waiting. Each contender has its own {@link Leases}, as
 * separate processes would.
 */
class FairLeaseTest {
    private static final String SOURCE = "dev.steadfast.testing.Backends#all";
    private static final Duration TTL = Duration.ofSeconds(10);
    private static final String NAME = "job";

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void twoGreedyContendersGetAcquisitionsEqualWithinOne(Backend backend, @TempDir Path dir) {
        assertShared(backend, dir, 2, 40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void fourGreedyContendersGetAcquisitionsEqualWithinOne(Backend backend, @TempDir Path dir) {
        assertShared(backend, dir, 4, 24);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void aWaiterThatDiesIsSkippedOnceItsPlaceEndsAndItsPlaceIsRemoved(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            ManualClock clock = new ManualClock(50_000);
            Leases a = new Leases(store, clock);
            Leases b = new Leases(store, clock);
            Lease held = a.acquire(NAME, "a", TTL).orElseThrow();
            assertEquals("lease_held", rejected(b.acquire(NAME, "b", Duration.ofSeconds(1))).label());
            // b dies here: it never asks again.
            a.release(held).orElseThrow();
            assertEquals(new OwnershipError.Queued(NAME, "a", 1, "b"), rejected(a.acquire(NAME, "a", TTL)));
            clock.advanceMillis(999);
            assertEquals("queued", rejected(a.acquire(NAME, "a", TTL)).label(), "b's place still runs");
            clock.advanceMillis(1);
            Lease again = a.acquire(NAME, "a", TTL).orElseThrow();
            assertEquals(2, again.epoch());
            assertEquals(List.of(), places(store), "the dead place and the winner's own are gone");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void aNewcomerQueuesBehindALiveWaiterAndAWaiterThatLeavesIsSkippedAtOnce(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            ManualClock clock = new ManualClock(0);
            Leases a = new Leases(store, clock);
            Leases b = new Leases(store, clock);
            Leases c = new Leases(store, clock);
            Lease held = a.acquire(NAME, "a", TTL).orElseThrow();
            assertInstanceOf(OwnershipError.LeaseHeld.class, rejected(b.acquire(NAME, "b", TTL)));
            a.release(held).orElseThrow();
            assertEquals(new OwnershipError.Queued(NAME, "c", 1, "b"), rejected(c.acquire(NAME, "c", TTL)));
            b.leaveQueue(NAME, "b");
            assertEquals("c", c.acquire(NAME, "c", TTL).orElseThrow().owner());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void whileNobodyWaitsAnAcquireAndAReleaseAreOneBatchEachAndReadNothing(Backend backend, @TempDir Path dir) {
        try (Store real = backend.open(dir)) {
            int[] reads = new int[1];
            List<WriteBatch> batches = new ArrayList<>();
            Store store = new ForwardingStore(real) {
                @Override
                public Optional<Fence> readFence(String name) {
                    reads[0]++;
                    return super.readFence(name);
                }

                @Override
                public Stream<StoredRecord> scanRecords(String namespace, KeyRange range, int limit) {
                    reads[0]++;
                    return super.scanRecords(namespace, range, limit);
                }

                @Override
                public WriteResult apply(WriteBatch batch) {
                    batches.add(batch);
                    return super.apply(batch);
                }
            };
            ManualClock clock = new ManualClock(0);
            Leases leases = new Leases(store, clock);
            leases.release(leases.acquire(NAME, "a", TTL).orElseThrow()).orElseThrow();
            reads[0] = 0;
            batches.clear();
            for (int i = 0; i < 3; i++) {
                Lease held = leases.acquire(NAME, "a", TTL).orElseThrow();
                assertEquals(i + 2, held.epoch());
                leases.release(held).orElseThrow();
                clock.advanceMillis(1);
            }
            assertEquals(0, reads[0], "reads in three uncontended cycles");
            assertEquals(6, batches.size(), "batches in three uncontended cycles: " + batches);
            assertTrue(batches.stream().allMatch(b -> b.operations().size() == 1), batches.toString());
        }
    }

    /** Holder h, and x queued again after its first place ended (its record stays: nobody was granted), then z. */
    private record XRequeued(ManualClock clock, Leases h, Leases x, Leases z, Lease held) {
        static XRequeued in(Store store) {
            ManualClock clock = new ManualClock(0);
            Leases h = new Leases(store, clock);
            Leases x = new Leases(store, clock);
            Leases z = new Leases(store, clock);
            Lease held = h.acquire(NAME, "h", Duration.ofSeconds(100)).orElseThrow();
            assertEquals("lease_held", rejected(x.acquire(NAME, "x", TTL)).label());
            clock.advanceMillis(20_000);
            assertEquals("lease_held", rejected(x.acquire(NAME, "x", TTL)).label());
            assertEquals("lease_held", rejected(z.acquire(NAME, "z", TTL)).label());
            return new XRequeued(clock, h, x, z, held);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void aWaiterWhosePlaceEndedOnceKeepsItsNewPlaceAheadOfThoseWhoQueuedAfterIt(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            XRequeued q = XRequeued.in(store);
            q.clock().advanceMillis(1);
            assertEquals("lease_held", rejected(q.x().acquire(NAME, "x", TTL)).label(), "x still waits, still first");
            q.h().release(q.held()).orElseThrow();

            assertEquals("x", q.x().acquire(NAME, "x", TTL).orElseThrow().owner());
            assertEquals("lease_held", rejected(q.z().acquire(NAME, "z", TTL)).label(), "z waits while x holds it");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void aWaiterThatLeavesAfterItsPlaceEndedOnceIsSkippedAtOnce(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            XRequeued q = XRequeued.in(store);
            q.x().leaveQueue(NAME, "x");
            q.h().release(q.held()).orElseThrow();

            assertEquals("z", q.z().acquire(NAME, "z", TTL).orElseThrow().owner(), "x left: z need not wait for it");
        }
    }

    private static void assertShared(Backend backend, Path dir, int contenders, int rounds) {
        try (Store store = backend.open(dir)) {
            ManualClock clock = new ManualClock(1_000);
            List<Leases> leases = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                leases.add(new Leases(store, clock));
            }
            Lease[] held = new Lease[contenders];
            int[] acquired = new int[contenders];
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < contenders; i++) {
                    if (held[i] != null) {
                        leases.get(i).release(held[i]).orElseThrow();
                        held[i] = null;
                    }
                    // Greedy: straight back after its own release, before anyone else had a turn.
                    Claim<Lease> claim = leases.get(i).acquire(NAME, "c" + i, TTL);
                    if (claim instanceof Claim.Granted<Lease> g) {
                        held[i] = g.value();
                        acquired[i]++;
                    } else {
                        String label = rejected(claim).label();
                        assertTrue(label.equals("lease_held") || label.equals("queued"), label);
                    }
                    clock.advanceMillis(1);
                }
            }
            int min = Arrays.stream(acquired).min().orElseThrow();
            int max = Arrays.stream(acquired).max().orElseThrow();
            assertTrue(max - min <= 1, "acquisitions per contender " + Arrays.toString(acquired));
            assertTrue(min >= rounds / (contenders + 2), "too few turns to mean anything: " + Arrays.toString(acquired));
        }
    }

    private static List<StoredRecord> places(Store store) {
        try (Stream<StoredRecord> records = store.scanRecords(LeaseQueue.nameFor(NAME))) {
            return records.toList();
        }
    }
}
