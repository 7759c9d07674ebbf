package dev.steadfast.session;

import static dev.steadfast.session.SessionTesting.acked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.ManualClock;
import dev.steadfast.testing.Backend;
import dev.steadfast.testing.Backends;
import dev.steadfast.testing.CountingStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Recovery cost is bounded by the checkpoint interval, not by the history's length. */
class RecoveryBoundTest {
    private static final int CHECKPOINT_EVERY = 100;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void recoveryOfAThousandEventHistoryReadsAtMostCheckpointEveryEntries(Backend backend, @TempDir Path dir) {
        assertRecoveryBounded(backend, dir, 1_000);
    }

    @Test
    void recoveryOfAHundredThousandEventHistoryReadsAtMostCheckpointEveryEntries(@TempDir Path dir) {
        assertRecoveryBounded(Backends.memory(), dir, Integer.getInteger("steadfast.test.history", 100_000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void journalOnlyRecoveryReplaysTheWholeHistory(Backend backend, @TempDir Path dir) {
        try (CountingStore store = new CountingStore(backend.open(dir))) {
            DurableSessions<Long, Long> sessions = new Sessions(store, new ManualClock())
                    .counters(SessionOptions.of(new PersistenceProfile.JournalOnly()));
            DurableSession<Long, Long> a = sessions.start("s", "a", "r").orElseThrow();
            acked(a.appendAll(ones(500)));
            store.reset();
            DurableSession<Long, Long> b = sessions.takeOver("s", "b").orElseThrow();
            assertEquals(500L, b.state());
            assertEquals(501, store.entriesRead());
        }
    }

    private static void assertRecoveryBounded(Backend backend, Path dir, int history) {
        try (CountingStore store = new CountingStore(backend.open(dir))) {
            DurableSessions<Long, Long> sessions = new Sessions(store, new ManualClock())
                    .counters(SessionOptions.of(new PersistenceProfile.SnapshotJournal(CHECKPOINT_EVERY)));
            DurableSession<Long, Long> a = sessions.start("s", "a", "r").orElseThrow();
            int singles = CHECKPOINT_EVERY - 2;
            int written = 0;
            while (written < history - singles) {
                int chunk = Math.min(997, history - singles - written);
                acked(a.appendAll(ones(chunk)));
                written += chunk;
            }
            for (; written < history; written++) {
                acked(a.append(1L));
            }
            store.reset();
            DurableSession<Long, Long> b = sessions.takeOver("s", "b").orElseThrow();
            assertEquals(history, b.state());
            assertEquals(history, b.eventCount());
            long read = store.entriesRead();
            assertTrue(read <= CHECKPOINT_EVERY, "read " + read + " entries for a history of " + history);
            assertTrue(read >= singles, "the tail after the snapshot was replayed, read " + read);
            assertEquals(read, b.lastRecovery().entriesRead());
        }
    }

    private static List<Long> ones(int n) {
        List<Long> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(1L);
        }
        return events;
    }
}
