package dev.steadfast.session;

import static dev.steadfast.session.SessionTesting.acked;
import static dev.steadfast.session.SessionTesting.refused;
import static dev.steadfast.session.SessionTesting.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.fence.Lease;
import dev.steadfast.fence.Leases;
import dev.steadfast.fence.OwnershipError;
import dev.steadfast.fence.OwnershipFence;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A session held under a lease: a contender whose clock runs ahead takes over early, yet never beside A. */
class LeasedSessionTest {
    private static final Duration TTL = Duration.ofSeconds(5);

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void contenderWithAFastClockTakesTheSessionEarlyAndTheOldOwnerCanNoLongerWrite(Backend backend,
                                                                                 @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            ManualClock clockA = new ManualClock(0);
            ManualClock clockB = new ManualClock(30_000);
            String fence = DurableSessions.fenceName("cart");
            PersistenceProfile profile = new PersistenceProfile.SnapshotJournal(8);

            Lease leaseA = new Leases(store, clockA).acquire(fence, "a", TTL).orElseThrow();
            DurableSession<Long, Long> a = SessionTesting.counters(store, clockA, profile)
                    .open("cart", leaseA.fence()).orElseThrow();
            acked(a.append(10L));
            acked(a.append(20L));

            Lease leaseB = new Leases(store, clockB).acquire(fence, "b", TTL).orElseThrow();
            assertTrue(leaseA.activeAt(clockA.millis()), "A still believes it holds the lease");
            DurableSessions<Long, Long> onB = SessionTesting.counters(store, clockB, profile);
            DurableSession<Long, Long> b = onB.open("cart", leaseB.fence()).orElseThrow();
            assertEquals(30L, b.state());

            long head = store.journalHead(StreamId.of(fence));
            assertTrue(refused(a.append(40L)).reason().contains("superseded by owner 'b' at epoch 2"));
            assertEquals(head, store.journalHead(StreamId.of(fence)));
            assertEquals("superseded", rejected(onB.open("cart", leaseA.fence())).label());
            acked(b.append(5L));
            assertEquals(35L, b.state());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void openingUnderTheHoldersNameAndEpochWithAForgedTokenIsRefusedAndWritesNothing(Backend backend,
                                                                                   @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            ManualClock clock = new ManualClock(0);
            String fence = DurableSessions.fenceName("cart");
            DurableSessions<Long, Long> sessions = SessionTesting.counters(store, clock,
                    new PersistenceProfile.JournalOnly());
            Lease held = new Leases(store, clock).acquire(fence, "a", TTL).orElseThrow();
            acked(sessions.open("cart", held.fence()).orElseThrow().append(10L));
            Fence before = store.readFence(fence).orElseThrow();
            long head = store.journalHead(StreamId.of(fence));

            OwnershipFence forged = new OwnershipFence(fence, "a", held.epoch(), "not-the-token");
            assertEquals(new OwnershipError.InvalidToken("a", held.epoch()), rejected(sessions.open("cart", forged)));
            assertEquals(head, store.journalHead(StreamId.of(fence)));
            assertEquals(before, store.readFence(fence).orElseThrow());
            assertTrue(sessions.open("cart", held.fence()).isGranted(), "the holder's own fence still opens it");
        }
    }
}
