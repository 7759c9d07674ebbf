package dev.steadfast.backend.postgresql;

import static dev.steadfast.backend.postgresql.PostgresGuardedAppendTest.otherWriter;
import static dev.steadfast.backend.postgresql.PostgresGuardedAppendTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * With the group statement switched on (off by default: it measured no faster), a group of appends to distinct
 * streams with existing heads is ONE statement ({@code unnest} of array parameters,
 * the heads moved by one {@code UPDATE ... FROM}, the entries inserted joined to the heads that moved), counted;
 * and every case where part of it writes nothing (a conflict, a rival's uncommitted head, a deadlock) ends exactly
 * as the one-statement-per-append path would.
 */
class PostgresGroupAppendTest {
    private static final String SWITCH = "steadfast.jdbc.groupAppend";

    private static StreamId s(int i) {
        return StreamId.of("s" + i);
    }

    /** An append of one one-byte entry per value given. */
    private static WriteBatch append(StreamId stream, long head, byte... entries) {
        byte[][] payloads = new byte[entries.length][];
        for (int i = 0; i < entries.length; i++) {
            payloads[i] = new byte[] {entries[i]};
        }
        return WriteBatch.builder().append(stream, head, payloads).build();
    }

    private static List<WriteBatch> eightAt(long head) {
        List<WriteBatch> group = new ArrayList<>();
        for (int i = 7; i >= 0; i--) { // not in stream order: the store sorts them itself
            group.add(append(s(i), head, (byte) (head + 1)));
        }
        return group;
    }

    /** A store opened with the group statement switched on (it reads the switch when it opens). */
    private static Store switchedOn(Supplier<Store> open) {
        System.setProperty(SWITCH, "on");
        try {
            return open.get();
        } finally {
            System.clearProperty(SWITCH);
        }
    }

    private static Store switchedOn(CountingDataSource counting) {
        return switchedOn(() -> PostgresStoreProvider.open(counting.dataSource, PgStores.freshSchema("group")));
    }

    /** Streams s1 to s{count}, each with one entry: heads that exist, at 1. */
    private static void streamsAtOne(Store store, int count) {
        List<WriteBatch> first = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            first.add(append(s(i), 0, (byte) 1));
        }
        List<WriteResult> results = store.applyAll(first);
        assertTrue(results.stream().allMatch(WriteResult::isCommitted), results.toString());
    }

    private static Store switchedOn(String schema) {
        return switchedOn(() -> PgStores.open(schema));
    }

    private static PGSimpleDataSource server() {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl(PostgresServer.shared().jdbcUrl(PostgresServer.DATABASE));
        return pg;
    }

    @Test
    void groupOfAppendsToExistingHeadsIsOneStatementWithoutAJdbcBatchAndOneCommit() {
        CountingDataSource counting = new CountingDataSource(server());
        try (Store store = switchedOn(counting)) {
            assertTrue(store.applyAll(eightAt(0)).stream().allMatch(WriteResult::isCommitted));
            counting.reset();

            List<WriteResult> results = store.applyAll(eightAt(1));

            assertTrue(results.stream().allMatch(WriteResult::isCommitted), results.toString());
            assertEquals(1, counting.executions.get(), "statements for a group of 8 appends to existing heads");
            assertEquals(0, counting.batched.get(), "statements in JDBC batches");
            assertEquals(1, counting.commits.get(), "commit calls");
            for (int i = 0; i < 8; i++) {
                assertEquals(2, store.journalHead(s(i)));
                assertArrayEquals(new byte[] {2}, entries(store, s(i)).get(1).payload());
            }
        }
    }

    @Test
    void byDefaultTheSameGroupIsOneJdbcBatchOfEightStatements() {
        CountingDataSource counting = new CountingDataSource(server());
        try (Store store = PostgresStoreProvider.open(counting.dataSource, PgStores.freshSchema("group"))) {
            assertTrue(store.applyAll(eightAt(0)).stream().allMatch(WriteResult::isCommitted));
            counting.reset();

            assertTrue(store.applyAll(eightAt(1)).stream().allMatch(WriteResult::isCommitted));

            assertEquals(1, counting.executions.get(), "JDBC batches");
            assertEquals(8, counting.batched.get(), "statements in the JDBC batch");
            assertEquals(1, counting.commits.get(), "commit calls");
        }
    }

    @Test
    void groupMixingNewAndExistingStreamsSendsTheExistingAsOneStatementAndTheNewAsABatch() {
        CountingDataSource counting = new CountingDataSource(server());
        StreamId fresh = StreamId.of("fresh");
        try (Store store = switchedOn(counting)) {
            streamsAtOne(store, 2);
            counting.reset();

            List<WriteResult> results = store.applyAll(List.of(
                    append(s(2), 1, (byte) 2, (byte) 3, (byte) 4),
                    append(fresh, 0, (byte) 9),
                    append(s(1), 1, (byte) 2)));

            assertEquals(List.of(WriteResult.committed(), WriteResult.committed(), WriteResult.committed()), results);
            assertEquals(2, counting.executions.get(), "the group statement and one JDBC batch");
            assertEquals(1, counting.batched.get(), "the new stream's append, batched");
            assertEquals(List.of(2L, 4L, 1L), Stream.of(s(1), s(2), fresh).map(store::journalHead).toList());
            assertEquals(List.of(1L, 2L, 3L, 4L), entries(store, s(2)).stream().map(Entry::sequence).toList());
            assertArrayEquals(new byte[] {4}, entries(store, s(2)).get(3).payload());
        }
    }

    @Test
    void conflictsInsideTheGroupAreReportedPerAppendAndTheOthersApply() {
        StreamId absent = StreamId.of("absent");
        try (Store store = switchedOn(PgStores.freshSchema("group"))) {
            streamsAtOne(store, 3);

            List<WriteResult> results = store.applyAll(List.of(
                    append(s(1), 1, (byte) 2),
                    append(s(2), 5, (byte) 2),
                    append(s(3), 1, (byte) 2, (byte) 3),
                    append(absent, 3, (byte) 2)));

            assertEquals(List.of(WriteResult.committed(), new SequenceConflict(s(2), 5, 1), WriteResult.committed(),
                    new SequenceConflict(absent, 3, 0)), results);
            assertEquals(List.of(2L, 1L, 3L, 0L), Stream.of(s(1), s(2), s(3), absent).map(store::journalHead).toList());
            assertEquals(1, entries(store, s(2)).size());
            assertArrayEquals(new byte[] {3}, entries(store, s(3)).get(2).payload());
            assertEquals(List.of(s(1), s(2), s(3)), store.listStreams(""));
        }
    }

    @Test
    void groupWaitingOnARivalsUncommittedHeadReportsItsConflictOnceItCommitsAndTheOthersApply() throws Exception {
        String schema = PgStores.freshSchema("group");
        try (Store store = switchedOn(schema); Connection rival = otherWriter(schema)) {
            streamsAtOne(store, 3);
            run(rival, "UPDATE streams SET head = 2 WHERE stream = 's2'");
            run(rival, "INSERT INTO journal (stream, seq, payload) VALUES ('s2', 2, '\\x07')");

            CompletableFuture<List<WriteResult>> group = CompletableFuture.supplyAsync(() -> store.applyAll(List.of(
                    append(s(1), 1, (byte) 2), append(s(2), 1, (byte) 2), append(s(3), 1, (byte) 2))));
            LockWaits.awaitOneWaiter();
            rival.commit();

            assertEquals(List.of(WriteResult.committed(), new SequenceConflict(s(2), 1, 2), WriteResult.committed()),
                    group.get(30, TimeUnit.SECONDS));
            assertEquals(List.of(2L, 2L, 2L), Stream.of(s(1), s(2), s(3)).map(store::journalHead).toList());
            assertArrayEquals(new byte[] {7}, entries(store, s(2)).get(1).payload());
        }
    }

    @Test
    void groupWaitingOnARivalsUncommittedHeadAppliesWholeWhenTheRivalRollsBack() throws Exception {
        String schema = PgStores.freshSchema("group");
        try (Store store = switchedOn(schema); Connection rival = otherWriter(schema)) {
            streamsAtOne(store, 2);
            run(rival, "UPDATE streams SET head = 2 WHERE stream = 's1'");

            CompletableFuture<List<WriteResult>> group = CompletableFuture.supplyAsync(() -> store.applyAll(List.of(
                    append(s(2), 1, (byte) 2), append(s(1), 1, (byte) 2))));
            LockWaits.awaitOneWaiter();
            rival.rollback();

            assertEquals(List.of(WriteResult.committed(), WriteResult.committed()), group.get(30, TimeUnit.SECONDS));
            assertEquals(List.of(2L, 2L), Stream.of(s(1), s(2)).map(store::journalHead).toList());
        }
    }

    @Test
    void streamTwiceInOneGroupTakesTheBatchByBatchPathInOrder() {
        CountingDataSource counting = new CountingDataSource(server());
        try (Store store = switchedOn(counting)) {
            streamsAtOne(store, 2);
            counting.reset();

            List<WriteResult> results = store.applyAll(List.of(
                    append(s(1), 2, (byte) 3), append(s(1), 1, (byte) 2), append(s(2), 1, (byte) 2),
                    append(s(1), 2, (byte) 3)));

            assertEquals(List.of(new SequenceConflict(s(1), 2, 1), WriteResult.committed(), WriteResult.committed(),
                    WriteResult.committed()), results);
            assertEquals(0, counting.batched.get(), "statements in JDBC batches");
            assertTrue(counting.executions.get() >= 4, "one statement or more per batch, was "
                    + counting.executions.get());
            assertEquals(List.of(3L, 2L), Stream.of(s(1), s(2)).map(store::journalHead).toList());
            assertArrayEquals(new byte[] {3}, entries(store, s(1)).get(2).payload());
        }
    }

    /**
     * The rival locks s2, the group locks s1 (heads in stream order) and waits on s2, the rival then waits on s1: a
     * deadlock. The store's session detects it first (the rival's deadlock_timeout is far longer), is aborted with
     * nothing written, and retries; the retry waits on the rival, which commits without changing the heads, so the
     * whole group then applies, once.
     */
    @Test
    void deadlockAgainstARivalLockingHeadsInTheOtherOrderIsRetriedWithNothingWrittenTwice() throws Exception {
        String schema = PgStores.freshSchema("group");
        PGSimpleDataSource pg = server();
        pg.setOptions("-c deadlock_timeout=3s"); // time for the rival to start waiting before the check
        try (Store store = switchedOn(() -> PostgresStoreProvider.open(pg, schema));
             Connection rival = otherWriter(schema)) {
            streamsAtOne(store, 2);
            run(rival, "SET deadlock_timeout = '10min'");
            run(rival, "UPDATE streams SET head = head WHERE stream = 's2'");

            CompletableFuture<List<WriteResult>> group = CompletableFuture.supplyAsync(() -> store.applyAll(List.of(
                    append(s(2), 1, (byte) 2), append(s(1), 1, (byte) 2))));
            LockWaits.awaitOneWaiter();
            CompletableFuture<Void> rivalLocksS1 = CompletableFuture.runAsync(() -> {
                try {
                    run(rival, "UPDATE streams SET head = head WHERE stream = 's1'");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            LockWaits.awaitWaiters(2); // both wait on each other: the cycle is there
            rivalLocksS1.get(30, TimeUnit.SECONDS); // returns only once the group's first attempt let go of s1
            rival.commit();

            assertEquals(List.of(WriteResult.committed(), WriteResult.committed()), group.get(30, TimeUnit.SECONDS));
            assertEquals(List.of(2L, 2L), Stream.of(s(1), s(2)).map(store::journalHead).toList());
            assertEquals(2, entries(store, s(1)).size());
            assertEquals(2, entries(store, s(2)).size());
        }
    }

    private static List<Entry> entries(Store store, StreamId stream) {
        try (Stream<Entry> s = store.readJournal(stream, 1, Long.MAX_VALUE, 100)) {
            return s.toList();
        }
    }
}
