package dev.steadfast.backend.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.jdbc.JdbcStores;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On H2 a one-entry append is one statement ({@code FINAL TABLE} of the head compare-and-set feeding the journal
 * insert): a lone append is that statement auto-committed, with no transaction around it, and a group of appends one JDBC
 * batch of them in one commit, whatever the group's size. A statement that finds the head elsewhere writes nothing
 * and the ordinary statements report the conflict; the head survives truncating every entry. Counted on the
 * store's write connection; every result checked after reopening the file.
 */
class H2OneStatementAppendTest {
    private static final StreamId S = StreamId.of("s");

    private record Counted(Store store, CountingConnections counts) {
    }

    private static Counted open(Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath() + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
        CountingConnections counts = new CountingConnections(new PooledSource(use -> DriverManager.getConnection(url)));
        Store store = JdbcStores.open(new H2Dialect(), counts,
                new StoreDescriptor("h2", url, false, false, false, 1 << 20), true);
        return new Counted(store, counts);
    }

    private static WriteBatch append(StreamId stream, long head, int... payloads) {
        List<byte[]> list = new ArrayList<>();
        for (int p : payloads) {
            list.add(new byte[] {(byte) p});
        }
        return WriteBatch.builder().append(stream, head, list).build();
    }

    @Test
    void loneAppendIsOneAutoCommittedStatement(@TempDir Path dir) {
        Counted c = open(dir);
        try (Store store = c.store()) {
            assertTrue(store.apply(append(S, 0, 1)).isCommitted()); // creates the head
            for (int head = 1; head < 5; head++) {
                c.counts().reset();
                assertTrue(store.apply(append(S, head, head + 1)).isCommitted());
                assertEquals(1, c.counts().executions.get(), "statements for a lone append at head " + head);
                assertEquals(1, c.counts().autoCommitted.get(), "auto-committed statements");
                assertEquals(0, c.counts().commits.get(), "commits");
            }
        }
        try (Store store = open(dir).store()) {
            assertEquals(5, store.journalHead(S));
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), sequences(store, S));
        }
    }

    @Test
    void appendCreatingItsStreamIsOneStatementToo(@TempDir Path dir) {
        Counted c = open(dir);
        try (Store store = c.store()) {
            c.counts().reset();
            assertTrue(store.apply(append(S, 0, 1)).isCommitted());
            assertEquals(1, c.counts().executions.get(), "statements for the first append of a stream");
            assertTrue(store.apply(append(S, 1, 2, 3)).isCommitted()); // several entries: separate statements
            assertEquals(List.of(1L, 2L, 3L), sequences(store, S));
            assertEquals(List.of(S), store.listStreams(""));
        }
    }

    @Test
    void appendAtAStaleHeadWritesNothingAndReportsTheHeadFound(@TempDir Path dir) {
        Counted c = open(dir);
        try (Store store = c.store()) {
            assertTrue(store.apply(append(S, 0, 1, 2)).isCommitted());
            assertEquals(new SequenceConflict(S, 1, 2), store.apply(append(S, 1, 9)));
            assertEquals(new SequenceConflict(S, 5, 2), store.apply(append(S, 5, 9)));
            assertEquals(new SequenceConflict(StreamId.of("new"), 3, 0),
                    store.apply(append(StreamId.of("new"), 3, 9)));
        }
        try (Store store = open(dir).store()) {
            assertEquals(2, store.journalHead(S));
            assertEquals(List.of(1L, 2L), sequences(store, S));
            assertEquals(List.of(S), store.listStreams(""));
        }
    }

    @Test
    void headSurvivesTruncatingEveryEntrySoTheNextAppendContinuesIt(@TempDir Path dir) {
        try (Store store = open(dir).store()) {
            assertTrue(store.apply(append(S, 0, 1, 2, 3)).isCommitted());
            assertTrue(store.apply(WriteBatch.builder().truncate(S, 3).build()).isCommitted());
            assertEquals(new SequenceConflict(S, 0, 3), store.apply(append(S, 0, 9)));
            assertTrue(store.apply(append(S, 3, 4)).isCommitted());
        }
        try (Store store = open(dir).store()) {
            assertEquals(4, store.journalHead(S));
            List<Entry> left = entries(store, S);
            assertEquals(List.of(4L), left.stream().map(Entry::sequence).toList());
            assertArrayEquals(new byte[] {4}, left.get(0).payload());
        }
    }

    @Test
    void groupOfAppendsCostsTheSameStatementsAndOneCommitWhateverItsSize(@TempDir Path dir) {
        Counted c = open(dir);
        int[] statements = new int[2];
        try (Store store = c.store()) {
            int k = 0;
            for (int writers : new int[] {4, 16}) {
                List<WriteBatch> group = new ArrayList<>();
                for (int i = 0; i < writers; i++) {
                    StreamId stream = StreamId.of("w" + writers + "-" + i);
                    assertTrue(store.apply(append(stream, 0, 1)).isCommitted());
                    group.add(append(stream, 1, 2));
                }
                // one stale batch: the others still commit, it alone reports its conflict
                group.add(append(StreamId.of("w" + writers + "-0"), 7, 3));
                c.counts().reset();
                List<WriteResult> results = store.applyAll(group);
                statements[k++] = c.counts().executions.get();
                assertEquals(1, c.counts().commits.get(), "commits for a group of " + writers);
                assertTrue(results.subList(0, writers).stream().allMatch(WriteResult::isCommitted), results.toString());
                assertEquals(new SequenceConflict(StreamId.of("w" + writers + "-0"), 7, 2), results.get(writers));
            }
        }
        assertEquals(statements[0], statements[1], "statements for a group of 4 and of 16 appends");
        try (Store store = open(dir).store()) {
            for (int writers : new int[] {4, 16}) {
                for (int i = 0; i < writers; i++) {
                    assertEquals(List.of(1L, 2L), sequences(store, StreamId.of("w" + writers + "-" + i)));
                }
            }
        }
    }

    /**
     * H2's UPDATE does not re-check its condition after waiting for another connection's lock, so the loser of a
     * race inserts an entry number the winner already holds; the journal's key refuses it, the store rolls the
     * statement back, retries, and after a few lost races says "nothing was written" (before and after the
     * one-statement append alike). What must hold is safety: every acknowledged append is there exactly once, in
     * one contiguous journal, and nothing else is.
     */
    @Test
    void twoStoresOnOneDatabaseAppendingToOneStreamLoseAndDuplicateNothing(@TempDir Path dir) throws Exception {
        int perWriter = 150;
        Store[] stores = {open(dir).store(), open(dir).store()};
        int[] acknowledged = new int[2];
        try {
            Thread[] writers = new Thread[2];
            Throwable[] failures = new Throwable[2];
            for (int t = 0; t < 2; t++) {
                Store store = stores[t];
                int id = t;
                writers[t] = new Thread(() -> {
                    try {
                        while (acknowledged[id] < perWriter) {
                            WriteResult r;
                            try {
                                r = store.apply(append(S, store.journalHead(S), id));
                            } catch (StoreException e) {
                                assertTrue(e.getMessage().contains("nothing was written"), e.toString());
                                continue;
                            }
                            if (r.isCommitted()) {
                                acknowledged[id]++;
                            } else {
                                assertTrue(r instanceof SequenceConflict, r.toString());
                            }
                        }
                    } catch (Throwable e) {
                        failures[id] = e;
                    }
                });
                writers[t].start();
            }
            for (Thread w : writers) {
                w.join(120_000);
                assertTrue(!w.isAlive(), "a writer did not finish within 120 s");
            }
            assertEquals(null, failures[0]);
            assertEquals(null, failures[1]);
        } finally {
            stores[1].close();
            stores[0].close();
        }
        try (Store store = open(dir).store()) {
            List<Entry> all = entries(store, S);
            assertEquals(2L * perWriter, store.journalHead(S));
            assertEquals(2 * perWriter, all.size());
            for (int i = 0; i < all.size(); i++) {
                assertEquals(i + 1, all.get(i).sequence());
            }
            assertEquals(perWriter, all.stream().filter(e -> e.payload()[0] == 0).count(), "first writer's entries");
        }
    }

    private static List<Entry> entries(Store store, StreamId stream) {
        try (Stream<Entry> s = store.readJournal(stream, 1)) {
            return s.toList();
        }
    }

    private static List<Long> sequences(Store store, StreamId stream) {
        return entries(store, stream).stream().map(Entry::sequence).toList();
    }
}
