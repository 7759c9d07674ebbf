package dev.steadfast.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.session.AppendResult;
import dev.steadfast.session.DurableSession;
import dev.steadfast.session.DurableSessions;
import dev.steadfast.session.PersistenceProfile;
import dev.steadfast.session.RetentionPolicy;
import dev.steadfast.session.SessionOptions;
import dev.steadfast.session.Sessions;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Guard;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.tck.ForwardingStore;
import dev.steadfast.testing.Backend;
import dev.steadfast.testing.CountingStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Compaction} on every backend: the plan only reads, a run removes exactly the plan in guarded chunks, heads
 * stay, sessions recover, and a writer moving a journal meanwhile is planned again rather than overwritten.
 */
class CompactionTest {
    private static final StreamId SESSION = StreamId.of("session/s");
    private static final StreamId CHAT = StreamId.of("chat/room");

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void planOnlyReadsAndRunRemovesExactlyThePlanKeepingHeadsAndRecovery(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            DurableSessions<Long, Long> sessions = populate(store);
            StoreDigest before = StoreDigest.of(store);
            Compaction compaction = rules(Compaction.of(store));

            CompactionPlan plan = compaction.plan();

            assertEquals(before, StoreDigest.of(store), "planning changed nothing");
            assertEquals(List.of(new StreamCut(CHAT, 1, 20, 30, 20, 20 * 8), new StreamCut(SESSION, 1, 16, 21, 16,
                    plan.streams().get(1).payloadBytes())), plan.streams());
            assertEquals(36, plan.entries());

            List<String> progress = new ArrayList<>();
            CompactionReport report = compaction.run(false, progress::add);

            assertEquals(36, report.entriesRemoved());
            assertEquals(List.of(), report.busy());
            assertEquals(range(21, 30), sequences(store, CHAT));
            assertEquals(range(17, 21), sequences(store, SESSION), "kept snapshots cover 20 and 16");
            assertEquals(30, store.journalHead(CHAT));
            assertEquals(21, store.journalHead(SESSION));
            assertEquals(210L, sessions.takeOver("s", "b").orElseThrow().state());
            assertTrue(progress.get(progress.size() - 1).startsWith("compact: 36/36 entries removed"), progress.toString());
            assertEquals(List.of(), compaction.plan().streams(), "a second run finds nothing to do");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void eachChunkIsItsOwnBatchGuardedByTheHeadThePlanSaw(Backend backend, @TempDir Path dir) {
        try (CountingStore store = new CountingStore(backend.open(dir))) {
            appendChat(store, 30);
            store.reset();

            Compaction.of(store).rule("chat/", RetentionPolicy.atMost(10)).chunkEntries(6).run(false, line -> { });

            List<WriteBatch> batches = store.batches();
            assertEquals(4, batches.size(), "20 entries in chunks of at most 6");
            List<Long> cuts = new ArrayList<>();
            for (WriteBatch b : batches) {
                assertEquals(List.of(new Guard.JournalAt(CHAT, 30)), b.guards());
                cuts.add(assertInstanceOf(WriteOp.TruncateJournal.class, b.operations().get(0)).upToSequence());
            }
            assertEquals(List.of(6L, 12L, 18L, 20L), cuts);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void aWriterMovingTheJournalMidCompactionIsPlannedAgainNotOverwritten(Backend backend, @TempDir Path dir) {
        try (Store real = backend.open(dir)) {
            appendChat(real, 30);
            AtomicBoolean raced = new AtomicBoolean();
            Store racing = new ForwardingStore(real) {
                @Override
                public WriteResult apply(WriteBatch batch) {
                    if (!raced.getAndSet(true)) {
                        appendChat(real, 1); // lands between the plan and its first chunk
                    }
                    return super.apply(batch);
                }
            };

            CompactionReport report = Compaction.of(racing).rule("chat/", RetentionPolicy.atMost(10)).run(false,
                    line -> { });

            assertEquals(range(22, 31), sequences(real, CHAT), "planned again at head 31: at most 10 kept");
            assertEquals(21, report.entriesRemoved());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void aSessionWithoutASnapshotKeepsItsWholeJournal(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            DurableSession<Long, Long> a = new Sessions(store, new ManualClock()).counters(SessionOptions
                    .of(new PersistenceProfile.JournalOnly())).start("s", "a", "r").orElseThrow();
            assertInstanceOf(AppendResult.Acknowledged.class, a.appendAll(List.of(1L, 2L, 3L)));

            CompactionPlan plan = Compaction.of(store).rule("", RetentionPolicy.atMost(0)).plan();

            assertEquals(List.of(), plan.streams(), "recovery replays the whole journal: nothing may go");
        }
    }

    static DurableSessions<Long, Long> populate(Store store) {
        DurableSessions<Long, Long> sessions = new Sessions(store, new ManualClock()).counters(SessionOptions
                .of(new PersistenceProfile.SnapshotJournal(4)).withKeepSnapshots(2));
        DurableSession<Long, Long> a = sessions.start("s", "a", "r").orElseThrow();
        for (long i = 1; i <= 20; i++) {
            assertInstanceOf(AppendResult.Acknowledged.class, a.append(i));
        }
        appendChat(store, 30);
        return sessions;
    }

    static Compaction rules(Compaction compaction) {
        return compaction.rule("session/", RetentionPolicy.afterSnapshot(2)).rule("chat/", RetentionPolicy.atMost(10));
    }

    static void appendChat(Store store, int entries) {
        long head = store.journalHead(CHAT);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            payloads.add(new byte[8]);
        }
        assertEquals(WriteResult.committed(), store.apply(WriteBatch.builder().append(CHAT, head, payloads).build()));
    }

    static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    static List<Long> sequences(Store store, StreamId stream) {
        try (Stream<Entry> entries = store.readJournal(stream, 1)) {
            return entries.map(Entry::sequence).toList();
        }
    }
}
