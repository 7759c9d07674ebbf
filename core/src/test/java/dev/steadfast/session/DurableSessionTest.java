package dev.steadfast.session;

import static dev.steadfast.session.SessionTesting.acked;
import static dev.steadfast.session.SessionTesting.counters;
import static dev.steadfast.session.SessionTesting.journal;
import static dev.steadfast.session.SessionTesting.kinds;
import static dev.steadfast.session.SessionTesting.refused;
import static dev.steadfast.session.SessionTesting.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.fence.OwnershipError;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.Guard;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.testing.Backend;
import dev.steadfast.testing.CountingStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DurableSessionTest {
    private static final String SOURCE = "dev.steadfast.testing.Backends#all";
    private static final StreamId STREAM = StreamId.of("session/s1");

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void eachAppendIsOneGuardedBatchWithTheDueCheckpointInside(Backend backend, @TempDir Path dir) {
        try (CountingStore store = new CountingStore(backend.open(dir))) {
            DurableSessions<Long, Long> sessions =
                    counters(store, new ManualClock(), new PersistenceProfile.SnapshotJournal(3, true));
            DurableSession<Long, Long> s = sessions.start("s1", "a", "route-1").orElseThrow();
            acked(s.append(5L));
            store.reset();
            assertEquals(3, acked(s.append(6L)).journalSequence());
            List<WriteBatch> batches = store.batches();
            assertEquals(1, batches.size());
            WriteBatch batch = batches.get(0);
            assertEquals(List.of(new Guard.FenceAt("session/s1", 1)), batch.guards());
            assertEquals(2, assertInstanceOf(WriteOp.Append.class, batch.operations().get(0)).expectedHead());
            assertEquals(3, assertInstanceOf(WriteOp.PutSnapshot.class, batch.operations().get(1)).snapshot()
                    .coveredSequence());
            assertTrue(batch.operations().contains(new WriteOp.TruncateJournal(STREAM, 3)), batch.operations()
                    .toString());
            assertEquals(11L, s.state());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void takeoverRehydratesEveryAcknowledgedEventAndTheOldOwnerIsFencedOut(Backend backend, @TempDir Path dir) {
        int n = 0;
        for (PersistenceProfile profile : SessionTesting.journaledProfiles()) {
            try (Store store = backend.open(dir.resolve("p" + n++))) {
                DurableSessions<Long, Long> sessions = counters(store, new ManualClock(), profile);
                DurableSession<Long, Long> a = sessions.start("s1", "a", "r").orElseThrow();
                for (long i = 1; i <= 10; i++) {
                    acked(CounterSession.appendCounterDelta(a, i));
                }
                long head = store.journalHead(STREAM);
                DurableSession<Long, Long> b = sessions.takeOver("s1", "b").orElseThrow();
                assertEquals(2, b.fence().epoch());
                assertEquals(55L, b.state(), profile.toString());
                assertEquals(10, b.eventCount());

                AppendResult.Refused late = refused(a.append(100L));
                FencedOut fencedOut = assertInstanceOf(FencedOut.class, late.conflict());
                assertEquals(2, fencedOut.foundEpoch());
                assertTrue(late.reason().contains("superseded by owner 'b' at epoch 2"), late.reason());
                assertEquals(55L, a.state(), "a refused write changes nothing in memory either");
                assertEquals(head + 1, store.journalHead(STREAM), "only b's opening marker was added");

                acked(b.append(11L));
                assertEquals(66L, b.state());
                assertEquals(66L, sessions.takeOver("s1", "c").orElseThrow().state());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void startAndTakeoverFollowTheFenceRules(Backend backend, @TempDir Path dir) {
        try (CountingStore store = new CountingStore(backend.open(dir))) {
            DurableSessions<Long, Long> sessions =
                    counters(store, new ManualClock(), new PersistenceProfile.JournalOnly());
            DurableSession<Long, Long> a = sessions.start("s1", "a", "r").orElseThrow();
            acked(a.append(7L));
            assertEquals(new OwnershipError.SplitBrain("a", "b", 1), rejected(sessions.start("s1", "b", "r")));

            store.reset();
            DurableSession<Long, Long> again = sessions.start("s1", "a", "r").orElseThrow();
            assertEquals(7L, again.state());
            assertEquals(0, store.batches().size(), "re-claiming one's own epoch writes nothing");

            assertEquals(new OwnershipError.InvalidToken("b", 2),
                    rejected(sessions.requestTakeover("s1", "b", 2, "forged")));
            sessions.requestTakeover("s1", "b", 2, sessions.tokenFor("s1", "b", 2)).orElseThrow();
            assertEquals(new OwnershipError.StaleOwner(2, 1), rejected(sessions.start("s1", "a", "r")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void lifecycleMarkersAreJournaledBesideEventsAndNotReduced(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            DurableSessions<Long, Long> sessions =
                    counters(store, new ManualClock(), new PersistenceProfile.JournalOnly());
            DurableSession<Long, Long> s = sessions.start("s1", "a", "r1").orElseThrow();
            acked(s.append(1L));
            acked(s.crash("out of memory"));
            assertEquals(Lifecycle.CRASHED, s.lifecycle());
            assertThrows(IllegalStateException.class, () -> s.append(9L));
            acked(s.restart(100));
            assertEquals(Lifecycle.DISCONNECTED, s.lifecycle());
            acked(s.reconnect(ReconnectPolicy.REHYDRATE, "r2", 150));
            assertEquals(Lifecycle.LIVE, s.lifecycle());
            acked(s.append(2L));
            assertEquals(List.of("Opened", "Event", "Crashed", "Restarted", "Reconnected", "Event"), kinds(s));
            assertEquals(new SessionEntry.Crashed<Long>(3, "out of memory"), journal(s).get(2));
            assertEquals(new SessionEntry.Reconnected<Long>(5, ReconnectPolicy.REHYDRATE, "r2", 150),
                    journal(s).get(4));
            DurableSession<Long, Long> b = sessions.takeOver("s1", "b").orElseThrow();
            assertEquals(3L, b.state());
            assertEquals("r2", b.route());
            assertEquals(Lifecycle.LIVE, b.lifecycle());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void snapshotOnlyCrashLosesTheEventsSinceTheLastSnapshotAndCountsThem(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            DurableSessions<Long, Long> sessions = new Sessions(store, new ManualClock()).counters(
                    new SessionOptions(new PersistenceProfile.SnapshotOnly(5), ReconnectPolicy.REHYDRATE, 500, 1));
            DurableSession<Long, Long> s = sessions.start("s1", "a", "r").orElseThrow();
            for (int i = 0; i < 7; i++) {
                acked(s.append(1L));
            }
            assertEquals(new ContinuityReport(100, 2, false), s.continuityReport(1_000, 1_100));
            acked(s.crash("kill -9"));
            assertEquals(5L, s.state());
            assertEquals(new ContinuityReport(100, 2, false), s.continuityReport(1_000, 1_100));
            assertEquals(List.of("Opened", "Crashed"), kinds(s), "events are not journaled under SnapshotOnly");
            assertEquals(5L, sessions.takeOver("s1", "b").orElseThrow().state());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void snapshotOnlyStaleOwnerIsRefusedEvenBetweenSnapshots(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            DurableSessions<Long, Long> sessions =
                    counters(store, new ManualClock(), new PersistenceProfile.SnapshotOnly(50));
            DurableSession<Long, Long> a = sessions.start("s1", "a", "r").orElseThrow();
            acked(a.append(1L));
            sessions.takeOver("s1", "b").orElseThrow();
            assertInstanceOf(FencedOut.class, refused(a.append(2L)).conflict());
            assertEquals(1L, a.state());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void reconnectPoliciesResumeRehydrateAndRemount(Backend backend, @TempDir Path dir) {
        try (CountingStore store = new CountingStore(backend.open(dir))) {
            DurableSessions<Long, Long> sessions =
                    counters(store, new ManualClock(), new PersistenceProfile.SnapshotJournal(100));
            DurableSession<Long, Long> s = sessions.start("s1", "a", "r").orElseThrow();
            acked(s.appendAll(List.of(1L, 2L, 3L)));

            store.reset();
            acked(s.reconnect(ReconnectPolicy.RESUME, "r", 10));
            assertEquals(0, store.entriesRead(), "resume keeps the live state");
            assertEquals(6L, s.state());

            acked(s.reconnect(ReconnectPolicy.REHYDRATE, "r", 20));
            assertEquals(5, store.entriesRead(), "rehydrate reads the journal tail");
            assertEquals(6L, s.state());

            acked(s.reconnect(ReconnectPolicy.REMOUNT, "r3", 30));
            assertEquals(0L, s.state());
            assertEquals(3, s.eventCount(), "history is kept");
            acked(s.append(4L));
            DurableSession<Long, Long> b = sessions.takeOver("s1", "b").orElseThrow();
            assertEquals(4L, b.state(), "recovery honours the remount");
            assertEquals("r3", b.route());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void continuityReportMeasuresLatencyAndLossAgainstTheSlo(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            Sessions all = new Sessions(store, new ManualClock());
            DurableSession<Long, Long> journaled = all.counters(new SessionOptions(
                    new PersistenceProfile.JournalOnly(), ReconnectPolicy.REHYDRATE, 250, 0))
                    .start("j", "a", "r").orElseThrow();
            acked(journaled.appendAll(List.of(1L, 1L, 1L)));
            assertEquals(new ContinuityReport(250, 0, true), journaled.continuityReport(1_000, 1_250));
            assertEquals(new ContinuityReport(251, 0, false), journaled.continuityReport(1_000, 1_251));

            DurableSession<Long, Long> remount = all.counters(new SessionOptions(
                    new PersistenceProfile.JournalOnly(), ReconnectPolicy.REMOUNT, 250, 5))
                    .start("m", "a", "r").orElseThrow();
            acked(remount.appendAll(List.of(1L, 1L, 1L, 1L, 1L, 1L)));
            assertEquals(new ContinuityReport(10, 6, false), remount.continuityReport(0, 10));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void pruningKeepsTheEventsAfterTheOldestKeptSnapshotAndTheHead(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            DurableSessions<Long, Long> sessions =
                    counters(store, new ManualClock(), new PersistenceProfile.SnapshotJournal(4, true));
            DurableSession<Long, Long> s = sessions.start("s1", "a", "r").orElseThrow();
            for (long i = 1; i <= 10; i++) {
                acked(s.append(i));
            }
            assertEquals(11, store.journalHead(STREAM));
            assertEquals(8, store.loadSnapshot("session/s1").orElseThrow().coveredSequence());
            assertEquals(List.of(5L, 6L, 7L, 8L, 9L, 10L, 11L), journal(s).stream().map(SessionEntry::sequence)
                    .toList(), "two snapshots kept (at 4 and 8): only what the older one covers is pruned");
            assertEquals(55L, sessions.takeOver("s1", "b").orElseThrow().state());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void pruningWithOneKeptSnapshotDropsEverythingItCovers(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            DurableSessions<Long, Long> sessions = new Sessions(store, new ManualClock()).counters(SessionOptions
                    .of(new PersistenceProfile.SnapshotJournal(4, true)).withKeepSnapshots(1));
            DurableSession<Long, Long> s = sessions.start("s1", "a", "r").orElseThrow();
            for (long i = 1; i <= 10; i++) {
                acked(s.append(i));
            }
            assertEquals(11, store.journalHead(STREAM));
            assertEquals(List.of(9L, 10L, 11L), journal(s).stream().map(SessionEntry::sequence).toList());
            assertEquals(55L, sessions.takeOver("s1", "b").orElseThrow().state());
        }
    }
}
