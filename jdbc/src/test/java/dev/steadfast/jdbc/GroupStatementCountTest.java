package dev.steadfast.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What one group costs the database, counted: statement executions and commits do not grow with the number of
 * independent appends in it, also when another batch of the group is not a lone append (a session's append that
 * also writes its snapshot); and a mixed group still gives every batch exactly the result of running the batches
 * one by one.
 */
class GroupStatementCountTest {
    private final List<Store> stores = new ArrayList<>();

    @AfterEach
    void closeAll() {
        stores.forEach(Store::close);
    }

    private record Counted(Store store, CountingSource source) {
    }

    private Counted open() throws SQLException {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";LOCK_TIMEOUT=10000";
        CountingSource source = new CountingSource(url);
        Store store = JdbcStores.open(new H2TestDialect(), source,
                new StoreDescriptor("h2", url, false, true, false, 1 << 20));
        stores.add(store);
        return new Counted(store, source);
    }

    private static StreamId writer(int i) {
        return StreamId.of("writer-" + i);
    }

    /** Fences and first entries of {@code writers} writers, so that the group measured appends at head 1. */
    private static void prepare(Store store, int writers) {
        for (int i = 0; i < writers; i++) {
            store.apply(WriteBatch.builder().setFence(new Fence("f" + i, "me", 1, "", Long.MAX_VALUE), 0).build());
            store.apply(WriteBatch.builder().append(writer(i), 0, new byte[] {1}).build());
        }
    }

    private static List<WriteBatch> guardedAppends(int writers) {
        List<WriteBatch> group = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            group.add(WriteBatch.builder().guardFence("f" + i, 1).append(writer(i), 1, new byte[] {2}).build());
        }
        return group;
    }

    /** [executions, commits] of applying {@code group} as one call. */
    private static int[] cost(Counted c, List<WriteBatch> group, Consumer<List<WriteResult>> check) {
        c.source().reset();
        List<WriteResult> results = c.store().applyAll(group);
        int[] counted = {c.source().executions.get(), c.source().commits.get()};
        check.accept(results);
        return counted;
    }

    private static void allCommitted(List<WriteResult> results) {
        assertTrue(results.stream().allMatch(WriteResult::isCommitted), results.toString());
    }

    @Test
    void groupOfGuardedAppendsCostsTheSameStatementsAndOneCommitWhateverItsSize() throws SQLException {
        Counted small = open();
        prepare(small.store(), 4);
        Counted large = open();
        prepare(large.store(), 16);
        int[] four = cost(small, guardedAppends(4), GroupStatementCountTest::allCommitted);
        int[] sixteen = cost(large, guardedAppends(16), GroupStatementCountTest::allCommitted);
        assertEquals(four[0], sixteen[0], "statements for 4 and for 16 appends");
        assertEquals(1, sixteen[1], "commits per group");
    }

    @Test
    void mixedGroupSendsItsIndependentAppendsTogetherSoItsStatementsDoNotGrowWithThem() throws SQLException {
        int[][] counts = new int[2][];
        int k = 0;
        for (int writers : new int[] {4, 16}) {
            Counted c = open();
            prepare(c.store(), writers + 1);
            List<WriteBatch> group = guardedAppends(writers);
            // the session whose append is due a snapshot: two operations, so not a lone append
            group.add(writers / 2, WriteBatch.builder().guardFence("f" + writers, 1)
                    .append(writer(writers), 1, new byte[] {2}).putSnapshot("snap", 2, new byte[] {9}).build());
            counts[k++] = cost(c, group, GroupStatementCountTest::allCommitted);
            assertEquals(2, c.store().journalHead(writer(0)));
            assertEquals(2, c.store().journalHead(writer(writers)));
            assertEquals(Optional.of(2L), c.store().loadSnapshot("snap").map(Snapshot::coveredSequence));
        }
        assertEquals(counts[0][0], counts[1][0], "statements for a mixed group of 5 and of 17 batches");
        assertEquals(1, counts[1][1], "commits per group");
    }

    @Test
    void mixedGroupGivesEachBatchTheResultOfRunningThemInOrder() throws SQLException {
        Counted grouped = open();
        Counted oneByOne = open();
        for (Counted c : List.of(grouped, oneByOne)) {
            prepare(c.store(), 4);
        }
        List<WriteBatch> group = List.of(
                WriteBatch.builder().guardFence("f0", 1).append(writer(0), 1, new byte[] {2}).build(),
                // takes f1 over: the append guarded by f1 below must be fenced out, as in order
                WriteBatch.builder().setFence(new Fence("f1", "other", 2, "", Long.MAX_VALUE), 1).build(),
                WriteBatch.builder().guardFence("f1", 1).append(writer(1), 1, new byte[] {2}).build(),
                WriteBatch.builder().guardFence("f2", 1).append(writer(2), 1, new byte[] {2}).build(),
                // the same stream twice: the second sees the first's head
                WriteBatch.builder().append(writer(3), 1, new byte[] {2}).build(),
                WriteBatch.builder().append(writer(3), 1, new byte[] {3}).putRecord("ns",
                        dev.steadfast.spi.RecordKey.of(new byte[] {1}), new byte[] {1}).build(),
                WriteBatch.builder().guardFence("f0", 1).append(writer(5), 0, new byte[] {2}).build(),
                WriteBatch.builder().append(writer(6), 4, new byte[] {2}).build());
        List<WriteResult> together = grouped.store().applyAll(group);
        List<WriteResult> alone = new ArrayList<>();
        for (WriteBatch b : group) {
            alone.add(oneByOne.store().apply(b));
        }
        assertEquals(alone, together);
        assertEquals(new FencedOut("f1", 1, 2, "other"), together.get(2));
        assertEquals(new SequenceConflict(writer(3), 1, 2), together.get(5));
        assertEquals(new SequenceConflict(writer(6), 4, 0), together.get(7));
        for (int i = 0; i <= 6; i++) {
            assertEquals(oneByOne.store().journalHead(writer(i)), grouped.store().journalHead(writer(i)), "head " + i);
        }
        assertEquals(Optional.empty(), grouped.store().getRecord("ns", dev.steadfast.spi.RecordKey.of(new byte[] {1})));
    }
}
