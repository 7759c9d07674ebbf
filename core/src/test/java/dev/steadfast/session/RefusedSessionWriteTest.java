package dev.steadfast.session;

import static dev.steadfast.session.SessionTesting.acked;
import static dev.steadfast.session.SessionTesting.counters;
import static dev.steadfast.session.SessionTesting.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A write the store refuses changes nothing in the handle either: lifecycle markers included. */
class RefusedSessionWriteTest {
    private static final String SOURCE = "dev.steadfast.testing.Backends#all";
    private static final StreamId STREAM = StreamId.of("session/s1");

    /** Everything a caller can see of a handle, to compare before and after a refused write. */
    private record Seen(Object state, Lifecycle lifecycle, String route, long head, long events,
                        RecoveryStats recovery, ContinuityReport report) {
        static Seen of(DurableSession<Long, Long> s) {
            return new Seen(s.state(), s.lifecycle(), s.route(), s.journalHead(), s.eventCount(), s.lastRecovery(),
                    s.continuityReport(0, 1));
        }
    }

    /** One journaled and one snapshot-only profile: they rebuild differently on a crash. */
    private static List<PersistenceProfile> profiles() {
        return List.of(new PersistenceProfile.SnapshotJournal(4, true), new PersistenceProfile.SnapshotOnly(3));
    }

    /** Starts s1 for "a" with some events, then lets "b" take it over and move it on. */
    private static DurableSession<Long, Long> supersededHandle(DurableSessions<Long, Long> sessions) {
        DurableSession<Long, Long> a = sessions.start("s1", "a", "route-a").orElseThrow();
        for (long i = 1; i <= 4; i++) {
            acked(a.append(i));
        }
        DurableSession<Long, Long> b = sessions.takeOver("s1", "b").orElseThrow();
        acked(b.append(100L));
        acked(b.restart(5));
        acked(b.reconnect(ReconnectPolicy.RESUME, "route-b", 6));
        return a;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void aRefusedReconnectLeavesTheHandleAsItWas(Backend backend, @TempDir Path dir) {
        int n = 0;
        for (PersistenceProfile profile : profiles()) {
            for (ReconnectPolicy policy : ReconnectPolicy.values()) {
                try (Store store = backend.open(dir.resolve("p" + n++))) {
                    DurableSession<Long, Long> a = supersededHandle(counters(store, new ManualClock(), profile));
                    Seen before = Seen.of(a);
                    long storeHead = store.journalHead(STREAM);

                    AppendResult.Refused r = refused(a.reconnect(policy, "route-new", 7));
                    assertInstanceOf(FencedOut.class, r.conflict());
                    assertEquals(before, Seen.of(a), profile + " " + policy);
                    assertEquals(storeHead, store.journalHead(STREAM));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void aRefusedCrashLeavesTheHandleAsItWas(Backend backend, @TempDir Path dir) {
        int n = 0;
        for (PersistenceProfile profile : profiles()) {
            try (Store store = backend.open(dir.resolve("p" + n++))) {
                DurableSession<Long, Long> a = supersededHandle(counters(store, new ManualClock(), profile));
                Seen before = Seen.of(a);

                refused(a.crash("lost memory"));
                assertEquals(before, Seen.of(a), profile.toString());
                assertEquals(Lifecycle.LIVE, a.lifecycle());
                // Still live in memory: RESUME keeps the handle's own state rather than rebuilding b's.
                refused(a.reconnect(ReconnectPolicy.RESUME, "r", 8));
                assertEquals(before, Seen.of(a), profile.toString());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void continuityLatencyBeyondALongSaturatesAndMissesTheSlo(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            DurableSession<Long, Long> s = counters(store, new ManualClock(), new PersistenceProfile.JournalOnly())
                    .start("s1", "a", "r").orElseThrow();
            ContinuityReport report = s.continuityReport(-2, Long.MAX_VALUE);
            assertEquals(Long.MAX_VALUE, report.reconnectLatencyMs());
            assertFalse(report.met());
            assertEquals(Long.MAX_VALUE, s.continuityReport(Long.MIN_VALUE, Long.MAX_VALUE).reconnectLatencyMs());
            assertThrows(IllegalArgumentException.class, () -> s.continuityReport(1, 0));
        }
    }
}
