package dev.steadfast.session;

import static dev.steadfast.session.SessionTesting.acked;
import static dev.steadfast.session.SessionTesting.counters;
import static dev.steadfast.session.SessionTesting.refused;
import static dev.steadfast.session.SessionTesting.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.steadfast.fence.OwnershipError;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.tck.ForwardingStore;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An owner whose own process restarted gets its session back with {@code reclaim}, at a new epoch, by name. */
class RestartedOwnerTest {
    private static final PersistenceProfile PROFILE = new PersistenceProfile.SnapshotJournal(4);

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void aRestartedOwnerReclaimsAtTheNextEpochWithEveryEventAndItsOldProcessIsFencedOut(Backend backend,
                                                                                       @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            DurableSessions<Long, Long> first = counters(store, new ManualClock(), PROFILE);
            first.start("s1", "node-a", "r").orElseThrow();
            first.takeOver("s1", "node-b").orElseThrow();
            DurableSession<Long, Long> old = first.takeOver("s1", "node-a").orElseThrow(); // node-a at epoch 3
            acked(old.append(5L));
            acked(old.append(2L));

            // node-a's process restarts: new objects, nothing remembered but its name
            DurableSessions<Long, Long> restarted = counters(store, new ManualClock(), PROFILE);
            assertInstanceOf(OwnershipError.StaleOwner.class, rejected(restarted.start("s1", "node-a", "r")),
                    "start claims epoch 1, which the session has moved past");

            DurableSession<Long, Long> back = restarted.reclaim("s1", "node-a", "r").orElseThrow();

            assertEquals(4, back.fence().epoch());
            assertEquals("node-a", back.fence().owner());
            assertEquals(7L, back.state());
            acked(back.append(1L));
            assertInstanceOf(FencedOut.class, refused(old.append(100L)).conflict(),
                    "the previous process, should it still run, is fenced out");
            assertEquals(8L, restarted.takeOver("s1", "node-c").orElseThrow().state());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void aRestartedOwnerDoesNotTakeASessionThatFailedOverToAnother(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            DurableSessions<Long, Long> sessions = counters(store, new ManualClock(), PROFILE);
            DurableSession<Long, Long> a = sessions.start("s1", "node-a", "r").orElseThrow();
            acked(a.append(3L));
            sessions.takeOver("s1", "node-b").orElseThrow();
            String before = a.signature();

            OwnershipError error = rejected(sessions.reclaim("s1", "node-a", "r"));

            assertEquals(new OwnershipError.SplitBrain("node-b", "node-a", 2), error);
            assertEquals(before, a.signature(), "a refused reclaim writes nothing");
            assertInstanceOf(FencedOut.class, refused(a.append(1L)).conflict());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void aRestartedOwnerDoesNotTakeASessionThatFailsOverWhileItReclaims(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            DurableSessions<Long, Long> onB = counters(store, new ManualClock(), PROFILE);
            AtomicBoolean armed = new AtomicBoolean();
            // node-b takes the session over right after the restarted node-a has read who holds it: the failover
            // lands between that read and node-a's claim.
            Store racing = new ForwardingStore(store) {
                @Override
                public Optional<Fence> readFence(String name) {
                    Optional<Fence> seen = super.readFence(name);
                    if (armed.compareAndSet(true, false)) {
                        onB.takeOver("s1", "node-b").orElseThrow();
                    }
                    return seen;
                }
            };
            DurableSessions<Long, Long> onA = counters(racing, new ManualClock(), PROFILE);
            acked(onA.start("s1", "node-a", "r").orElseThrow().append(3L));

            armed.set(true);
            OwnershipError error = rejected(onA.reclaim("s1", "node-a", "r"));

            assertEquals(new OwnershipError.SplitBrain("node-b", "node-a", 2), error);
            Fence now = store.readFence(DurableSessions.fenceName("s1")).orElseThrow();
            assertEquals("node-b", now.owner(), "the session stays with the owner it failed over to");
            assertEquals(2, now.epoch());
        }
    }
}
