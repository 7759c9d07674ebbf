package dev.steadfast.session;

import static dev.steadfast.session.SessionTesting.acked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.lifecycle.StoreDigest;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.tck.ForwardingStore;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** A newest snapshot that cannot be decoded falls back to an older one only when no event would be lost. */
class SnapshotFallbackTest {
    private static final String KEY = "session/s";
    private static final String KEPT = KEY + "#kept/";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void corruptNewestSnapshotFallsBackToTheOlderOneAndReplaysFromIt(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            DurableSessions<Long, Long> sessions = counters(store, new PersistenceProfile.SnapshotJournal(4), 2);
            writeOneToTen(sessions);
            Snapshot newest = store.loadSnapshot(KEY).orElseThrow();
            long older = sequenceOf(store.listSnapshots(KEPT).get(0));
            corrupt(store, newest);

            DurableSession<Long, Long> b = sessions.takeOver("s", "b").orElseThrow();

            assertEquals(55L, b.state(), "1+..+10, replayed from the older snapshot");
            SnapshotChoice used = b.lastRecovery().snapshot();
            assertEquals(KEPT + String.format("%019d", older), used.key());
            assertEquals(older, used.sequence());
            assertTrue(older < newest.coveredSequence());
            assertTrue(used.fellBack(), used.reason());
            assertTrue(used.reason().contains("snapshot 'session/s' (covers " + newest.coveredSequence()
                    + ") cannot be decoded"), used.reason());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void prunedJournalStillFallsBackToTheOlderSnapshotBecausePruningKeepsWhatItNeeds(Backend backend,
                                                                                      @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            DurableSessions<Long, Long> sessions = counters(store, new PersistenceProfile.SnapshotJournal(4, true), 2);
            writeOneToTen(sessions);
            long older = sequenceOf(store.listSnapshots(KEPT).get(0));
            try (var entries = store.readJournal(StreamId.of(KEY), 1)) {
                assertEquals(older + 1, entries.findFirst().orElseThrow().sequence(), "pruned up to the older one");
            }
            corrupt(store, store.loadSnapshot(KEY).orElseThrow());

            DurableSession<Long, Long> b = sessions.takeOver("s", "b").orElseThrow();

            assertEquals(55L, b.state(), "1+..+10, replayed from the older snapshot");
            assertEquals(older, b.lastRecovery().snapshot().sequence());
            assertTrue(b.lastRecovery().snapshot().fellBack(), b.lastRecovery().snapshot().reason());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void journalTruncatedPastTheOlderSnapshotRefusesTheFallbackNamingSnapshotSequenceAndFirstMissingEvent(
            Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            DurableSessions<Long, Long> sessions = counters(store, new PersistenceProfile.SnapshotJournal(4, true), 2);
            writeOneToTen(sessions);
            corrupt(store, store.loadSnapshot(KEY).orElseThrow());
            String olderKey = store.listSnapshots(KEPT).get(0);
            long older = sequenceOf(olderKey);
            // What no retention policy does: a tool truncating past the oldest kept snapshot.
            assertEquals(dev.steadfast.spi.WriteResult.committed(), store.apply(WriteBatch.builder()
                    .truncate(StreamId.of(KEY), older + 2).build()));
            StoreDigest before = StoreDigest.of(store);

            SessionRecoveryException e = assertThrows(SessionRecoveryException.class,
                    () -> sessions.takeOver("s", "b"));

            assertEquals(olderKey, e.snapshotKey());
            assertEquals(older, e.sequence());
            assertEquals(older + 1, e.firstMissing());
            assertTrue(e.getMessage().contains("cannot fall back to snapshot '" + olderKey + "' (covers sequence "
                    + older + "): the journal no longer holds event " + (older + 1)), e.getMessage());
            assertEquals(before.units().get("journal:session/s"), StoreDigest.of(store).units().get(
                    "journal:session/s"), "nothing in the journal changed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void onlyTheNewestKSnapshotsAreKept(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            DurableSessions<Long, Long> sessions = counters(store, new PersistenceProfile.SnapshotJournal(2), 3);
            DurableSession<Long, Long> a = sessions.start("s", "a", "r").orElseThrow();
            for (long i = 1; i <= 20; i++) {
                acked(a.append(i));
            }

            List<String> kept = store.listSnapshots(KEPT);

            assertEquals(3, kept.size(), kept.toString());
            assertEquals(store.loadSnapshot(KEY).orElseThrow().coveredSequence(), sequenceOf(kept.get(2)),
                    "the newest copy equals the snapshot under the session's key");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void everySnapshotUnusableWithAWholeJournalReplaysFromTheInitialState(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            DurableSessions<Long, Long> sessions = counters(store, new PersistenceProfile.SnapshotJournal(4), 2);
            writeOneToTen(sessions);
            corrupt(store, store.loadSnapshot(KEY).orElseThrow());
            for (String key : store.listSnapshots(KEPT)) {
                corrupt(store, store.loadSnapshot(key).orElseThrow());
            }

            DurableSession<Long, Long> b = sessions.takeOver("s", "b").orElseThrow();

            assertEquals(55L, b.state());
            assertEquals("", b.lastRecovery().snapshot().key());
            assertTrue(b.lastRecovery().snapshot().reason().startsWith("fell back to the initial state and the whole "
                    + "journal: snapshot 'session/s' (covers "), b.lastRecovery().snapshot().reason());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void snapshotOnlyProfileRefusesToFallBackBecauseItsEventsWereNeverJournaled(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            DurableSessions<Long, Long> sessions = counters(store, new PersistenceProfile.SnapshotOnly(3), 2);
            writeOneToTen(sessions);
            corrupt(store, store.loadSnapshot(KEY).orElseThrow());

            SessionRecoveryException e = assertThrows(SessionRecoveryException.class,
                    () -> sessions.takeOver("s", "b"));

            assertTrue(e.getMessage().contains("which this profile never journals"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void readableNewestSnapshotIsUsedAndSaysSo(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            DurableSessions<Long, Long> sessions = counters(store, new PersistenceProfile.SnapshotJournal(4), 2);
            writeOneToTen(sessions);
            long newest = store.loadSnapshot(KEY).orElseThrow().coveredSequence();

            DurableSession<Long, Long> b = sessions.takeOver("s", "b").orElseThrow();

            assertEquals(new SnapshotChoice(KEY, newest, "newest snapshot"), b.lastRecovery().snapshot());
            assertFalse(b.lastRecovery().snapshot().fellBack());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void aFallbackRecoveryClosesEveryJournalStreamItOpens(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            AtomicInteger opened = new AtomicInteger();
            AtomicInteger closed = new AtomicInteger();
            // Counts the journal streams handed out and closed: an open one may hold a pooled connection.
            Store counting = new ForwardingStore(store) {
                @Override
                public Stream<Entry> readJournal(StreamId stream, long from, long to, int maxEntries) {
                    opened.incrementAndGet();
                    return super.readJournal(stream, from, to, maxEntries).onClose(closed::incrementAndGet);
                }
            };
            DurableSessions<Long, Long> sessions = counters(counting, new PersistenceProfile.SnapshotJournal(4), 2);
            writeOneToTen(sessions);
            corrupt(store, store.loadSnapshot(KEY).orElseThrow());

            DurableSession<Long, Long> b = sessions.takeOver("s", "b").orElseThrow();

            assertTrue(b.lastRecovery().snapshot().fellBack(), b.lastRecovery().snapshot().reason());
            assertTrue(opened.get() > 0);
            assertEquals(opened.get(), closed.get(), "journal streams left open");
        }
    }

    private static DurableSessions<Long, Long> counters(Store store, PersistenceProfile profile, int keep) {
        return new Sessions(store, new ManualClock()).counters(SessionOptions.of(profile).withKeepSnapshots(keep));
    }

    private static void writeOneToTen(DurableSessions<Long, Long> sessions) {
        DurableSession<Long, Long> a = sessions.start("s", "a", "r").orElseThrow();
        for (long i = 1; i <= 10; i++) {
            acked(a.append(i));
        }
    }

    /** Overwrites the snapshot with bytes of an envelope format version no library writes. */
    private static void corrupt(Store store, Snapshot snapshot) {
        byte[] bytes = snapshot.payload().clone();
        bytes[0] = 99;
        assertEquals(dev.steadfast.spi.WriteResult.committed(), store.apply(WriteBatch.builder()
                .putSnapshot(snapshot.key(), snapshot.coveredSequence(), bytes).build()));
    }

    private static long sequenceOf(String keptKey) {
        return Long.parseLong(keptKey.substring(KEPT.length()));
    }
}
