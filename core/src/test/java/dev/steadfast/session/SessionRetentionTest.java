package dev.steadfast.session;

import static dev.steadfast.session.SessionTesting.acked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;
import dev.steadfast.testing.Backend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A session's retention policy truncates its journal inside the checkpoint batches: exactly what the policy asks,
 * never past the oldest kept snapshot, the head unchanged, and the session recovers afterwards. The session's
 * journal holds its opened marker at 1 and event k at k + 1; with a checkpoint every 4 entries, snapshots cover
 * 4, 8, 12 and so on.
 */
class SessionRetentionTest {
    private static final StreamId STREAM = StreamId.of("session/s");

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void afterSnapshotPolicyKeepsTheEventsAfterTheOldestKeptSnapshotAndTheSessionRecovers(Backend backend,
                                                                                         @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            write(sessions(store, new ManualClock(), 3, RetentionPolicy.afterSnapshot(3)), 20, null);

            assertEquals(21, store.journalHead(STREAM), "truncation never lowers the head");
            assertEquals(sequences(13, 21), sequences(store), "kept snapshots cover 20, 16, 12");
            assertEquals(210L, sessions(store, new ManualClock(), 3, RetentionPolicy.afterSnapshot(3))
                    .takeOver("s", "b").orElseThrow().state());
        }
        if (backend.durable()) {
            try (Store reopened = backend.open(dir)) {
                DurableSession<Long, Long> c = sessions(reopened, new ManualClock(), 3,
                        RetentionPolicy.afterSnapshot(3)).takeOver("s", "c").orElseThrow();
                assertEquals(210L, c.state(), "recovered after reopening");
                assertEquals(sequences(13, 23), sequences(reopened), "two opened markers more, nothing lost");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void afterSnapshotNeverCutsPastTheOldestKeptSnapshotSoTheFallbackStillWorks(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            write(sessions(store, new ManualClock(), 3, RetentionPolicy.afterSnapshot(1)), 20, null);

            assertEquals(sequences(13, 21), sequences(store), "asked for 20, clamped to the oldest kept, 12");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void atMostPolicyKeepsNoMoreEntriesThanAskedWhereNoKeptSnapshotNeedsThem(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            write(sessions(store, new ManualClock(), 2, RetentionPolicy.atMost(6)), 39, null);

            assertEquals(sequences(35, 40), sequences(store), "the last checkpoint (40) kept its newest 6 entries");
            assertEquals(780L, sessions(store, new ManualClock(), 2, RetentionPolicy.atMost(6))
                    .takeOver("s", "b").orElseThrow().state());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void atMostPolicyIsClampedToTheOldestKeptSnapshot(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            write(sessions(store, new ManualClock(), 2, RetentionPolicy.atMost(1)), 39, null);

            assertEquals(sequences(37, 40), sequences(store), "kept snapshots cover 40 and 36");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void newerThanPolicyRemovesOnlyEventsACheckpointOlderThanTheAgeCovered(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            ManualClock clock = new ManualClock(0);
            DurableSessions<Long, Long> sessions = sessions(store, clock, 2,
                    RetentionPolicy.newerThan(Duration.ofMinutes(10)));
            DurableSession<Long, Long> a = sessions.start("s", "a", "r").orElseThrow();
            write(a, 1, 11, clock); // event k at minute k; checkpoints 4@3, 8@7, 12@11
            assertEquals(sequences(1, 12), sequences(store), "no checkpoint is 10 minutes old yet");

            write(a, 12, 39, clock); // ... 36@35, 40@39: at 39 the newest checkpoint from minute 29 or before is 28@27

            assertEquals(sequences(29, 40), sequences(store));
            assertEquals(List.of(32L, 36L, 40L), recordedTimes(store), "times of checkpoints up to 28 went too");
            assertEquals(780L, sessions.takeOver("s", "b").orElseThrow().state());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void aPolicySetOnALongJournalRemovesAtMostABoundedPrefixPerCheckpoint(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            DurableSessions<Long, Long> keepAll = new Sessions(store, new ManualClock()).counters(SessionOptions
                    .of(new PersistenceProfile.SnapshotJournal(5_000)).withKeepSnapshots(1));
            DurableSession<Long, Long> a = keepAll.start("s", "a", "r").orElseThrow();
            acked(a.appendAll(LongStream.rangeClosed(1, 5_000).boxed().toList())); // head 5001, snapshot 5001
            DurableSession<Long, Long> b = new Sessions(store, new ManualClock()).counters(SessionOptions
                    .of(new PersistenceProfile.SnapshotJournal(4)).withKeepSnapshots(1)
                    .withRetention(RetentionPolicy.afterSnapshot(1))).takeOver("s", "b").orElseThrow();

            acked(b.appendAll(List.of(1L, 1L, 1L))); // head 5005: a checkpoint wanting everything up to 5005
            assertEquals(JournalRetention.MAX_REMOVED_PER_BATCH + 1, first(store));
            acked(b.appendAll(List.of(1L, 1L, 1L, 1L))); // head 5009: the next checkpoint removes the rest
            assertEquals(List.of(), sequences(store), "its one kept snapshot covers the head");
            assertEquals(5_009, store.journalHead(STREAM));
            assertEquals(5_009, b.rehydrate().snapshotSequence());
            assertEquals(12_502_500L + 7, b.state(), "1+..+5000 and seven 1s, from the snapshot alone");
        }
    }

    @Test
    void retentionNeedsAProfileWithAJournalAndSnapshots() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SessionOptions
                .of(new PersistenceProfile.JournalOnly()).withRetention(RetentionPolicy.atMost(10)));
        assertTrue(e.getMessage().contains("needs a journal and snapshots"), e.getMessage());
    }

    @Test
    void policiesRejectNonsenseNamingTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.afterSnapshot(0)).getMessage()
                .contains("was 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.atMost(-1)).getMessage()
                .contains("was -1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.newerThan(Duration.ZERO))
                .getMessage().contains("was PT0S"));
    }

    private static DurableSessions<Long, Long> sessions(Store store, Clock clock, int keep, RetentionPolicy policy) {
        return new Sessions(store, clock).counters(SessionOptions.of(new PersistenceProfile.SnapshotJournal(4))
                .withKeepSnapshots(keep).withRetention(policy));
    }

    private static void write(DurableSessions<Long, Long> sessions, long events, ManualClock clock) {
        write(sessions.start("s", "a", "r").orElseThrow(), 1, events, clock);
    }

    private static void write(DurableSession<Long, Long> session, long from, long to, ManualClock clock) {
        for (long i = from; i <= to; i++) {
            if (clock != null) {
                clock.advance(Duration.ofMinutes(1));
            }
            acked(session.append(i));
        }
    }

    private static List<Long> sequences(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    private static List<Long> sequences(Store store) {
        try (Stream<Entry> entries = store.readJournal(STREAM, 1)) {
            return entries.map(Entry::sequence).toList();
        }
    }

    private static long first(Store store) {
        try (Stream<Entry> entries = store.readJournal(STREAM, 1, Long.MAX_VALUE, 1)) {
            return entries.findFirst().orElseThrow().sequence();
        }
    }

    private static List<Long> recordedTimes(Store store) {
        List<Long> keys = new ArrayList<>();
        try (Stream<StoredRecord> records = store.scanRecords("session/s#checkpoint-times")) {
            records.forEach(r -> keys.add(Long.parseLong(new String(r.key().bytes(), StandardCharsets.US_ASCII))));
        }
        return keys;
    }
}
