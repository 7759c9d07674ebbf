package dev.steadfast.session;

import static dev.steadfast.session.SessionTesting.acked;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Under {@code SnapshotOnly} the events since the last snapshot die with their owner, and the owner that recovers
 * the session says how many: the count survives in the store, not in the crashed handle.
 */
class SnapshotOnlyLossTest {
    private static final SessionOptions OPTIONS =
            new SessionOptions(new PersistenceProfile.SnapshotOnly(5), ReconnectPolicy.REHYDRATE, 500, 1);

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#durable")
    void theOwnerThatTakesOverAfterACrashCountsTheEventsTheSnapshotLacks(Backend backend, @TempDir Path dir) {
        try (Store first = backend.open(dir)) {
            DurableSession<Long, Long> a = new Sessions(first, new ManualClock()).counters(OPTIONS)
                    .start("s1", "a", "r").orElseThrow();
            for (int i = 0; i < 12; i++) {
                acked(a.append(1L));
            }
        } // the owner's process is gone: its handle, and what it knew, with it

        try (Store reopened = backend.open(dir)) {
            DurableSession<Long, Long> b = new Sessions(reopened, new ManualClock()).counters(OPTIONS)
                    .takeOver("s1", "b").orElseThrow();

            assertEquals(10L, b.state());
            assertEquals(new ContinuityReport(100, 2, false), b.continuityReport(1_000, 1_100));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void aTakeoverRightAfterASnapshotReportsNoLoss(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            DurableSessions<Long, Long> sessions = new Sessions(store, new ManualClock()).counters(OPTIONS);
            DurableSession<Long, Long> a = sessions.start("s1", "a", "r").orElseThrow();
            for (int i = 0; i < 10; i++) {
                acked(a.append(1L));
            }
            DurableSession<Long, Long> b = sessions.takeOver("s1", "b").orElseThrow();

            assertEquals(10L, b.state());
            assertEquals(new ContinuityReport(100, 0, true), b.continuityReport(1_000, 1_100));
        }
    }
}
