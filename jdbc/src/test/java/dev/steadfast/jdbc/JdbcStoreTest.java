package dev.steadfast.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.IncompatibleFormatException;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JdbcStoreTest {
    private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";LOCK_TIMEOUT=10000";
    private final List<Store> stores = new ArrayList<>();
    private DriverManagerSource lastSource;

    private Store open() throws SQLException {
        lastSource = new DriverManagerSource(url);
        Store s = JdbcStores.open(new H2TestDialect(), lastSource,
                new StoreDescriptor("h2", url, false, true, false, 1 << 20));
        stores.add(s);
        return s;
    }

    @AfterEach
    void closeAll() {
        stores.forEach(Store::close);
    }

    @Test
    void appendedEntriesReadBackInOrder() throws SQLException {
        Store store = open();
        StreamId s = StreamId.of("orders");
        assertTrue(store.apply(WriteBatch.builder().append(s, 0, new byte[] {1}, new byte[] {2}).build()).isCommitted());
        try (Stream<Entry> entries = store.readJournal(s, 1)) {
            assertEquals(List.of(1L, 2L), entries.map(Entry::sequence).toList());
        }
        assertEquals(2, store.journalHead(s));
    }

    @Test
    void applyAllRollsBackOnlyTheConflictingBatch() throws SQLException {
        Store store = open();
        StreamId a = StreamId.of("a");
        StreamId b = StreamId.of("b");
        List<WriteResult> results = store.applyAll(List.of(
                WriteBatch.builder().append(a, 0, new byte[] {1}).build(),
                WriteBatch.builder().append(b, 0, new byte[] {1}).append(a, 0, new byte[] {9}).build(),
                WriteBatch.builder().append(a, 1, new byte[] {2}).build()));
        assertTrue(results.get(0).isCommitted());
        assertEquals(new SequenceConflict(a, 0, 1), results.get(1));
        assertTrue(results.get(2).isCommitted());
        assertEquals(0, store.journalHead(b));
        assertEquals(2, store.journalHead(a));
    }

    @Test
    void foreignDatabaseIsRefusedAndLeftAsItWas() throws SQLException {
        try (Connection keep = DriverManager.getConnection(url); Statement st = keep.createStatement()) {
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY)");
            st.execute("INSERT INTO orders VALUES (1)");
            IncompatibleFormatException e = assertThrows(IncompatibleFormatException.class, this::open);
            assertTrue(e.getMessage().contains("not a Steadfast store"), e.getMessage());
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_SCHEMA = 'PUBLIC'")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
    }

    @Test
    void newerSchemaIsRefusedNamingBothVersions() throws SQLException {
        try (Connection keep = DriverManager.getConnection(url); Statement st = keep.createStatement()) {
            open().close();
            st.execute("UPDATE schema_version SET version = 99");
            IncompatibleFormatException e = assertThrows(IncompatibleFormatException.class, this::open);
            assertTrue(e.getMessage().contains("version 99") && e.getMessage().contains("up to 1"), e.getMessage());
            try (ResultSet rs = st.executeQuery("SELECT version FROM schema_version")) {
                rs.next();
                assertEquals(99, rs.getInt(1));
            }
        }
    }

    @Test
    void closingAJournalStreamEarlyGivesItsConnectionBack() throws SQLException {
        Store store = open();
        StreamId s = StreamId.of("long");
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            payloads.add(new byte[] {(byte) i});
        }
        store.apply(WriteBatch.builder().append(s, 0, payloads).build());
        try (Stream<Entry> entries = store.readJournal(s, 1)) {
            assertEquals(3, entries.limit(3).count());
            assertEquals(1, lastSource.borrowed.get());
        }
        assertEquals(0, lastSource.borrowed.get());
    }

    @Test
    void twoHandlesRacingForOneFenceLetExactlyOneWin() throws Exception {
        Store first = open();
        Store second = open();
        int rounds = 50;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int r = 0; r < rounds; r++) {
                String name = "fence-" + r;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<WriteResult>> results = new ArrayList<>();
                for (Store s : List.of(first, second)) {
                    String owner = s == first ? "first" : "second";
                    results.add(pool.submit(() -> {
                        go.await();
                        return s.apply(WriteBatch.builder().setFence(new Fence(name, owner, 1, "", 0), 0).build());
                    }));
                }
                go.countDown();
                int won = 0;
                for (Future<WriteResult> f : results) {
                    WriteResult w = f.get();
                    if (w.isCommitted()) {
                        won++;
                    } else {
                        assertInstanceOf(dev.steadfast.spi.FencedOut.class, w);
                    }
                }
                assertEquals(1, won, "round " + r);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoHandlesAppendingToOneStreamLoseAndDuplicateNothing() throws Exception {
        Store first = open();
        Store second = open();
        StreamId s = StreamId.of("shared");
        int perWriter = 200;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                Store store = w % 2 == 0 ? first : second;
                byte id = (byte) w;
                done.add(pool.submit(() -> {
                    int conflicts = 0;
                    for (int i = 0; i < perWriter; ) {
                        long head = store.journalHead(s);
                        if (store.apply(WriteBatch.builder().append(s, head, new byte[] {id}).build()).isCommitted()) {
                            i++;
                        } else {
                            conflicts++;
                        }
                    }
                    return conflicts;
                }));
            }
            for (Future<Integer> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(4L * perWriter, first.journalHead(s));
        try (Stream<Entry> entries = second.readJournal(s, 1)) {
            long[] expected = {1};
            entries.forEach(e -> assertEquals(expected[0]++, e.sequence()));
            assertEquals(4L * perWriter + 1, expected[0]);
        }
    }
}
