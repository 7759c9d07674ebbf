package dev.steadfast.backend.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's table layout: a new store keeps it in a rowid table (the other tables stay {@code WITHOUT
 * ROWID}), and a store whose journal was created {@code WITHOUT ROWID} by earlier code keeps working unchanged.
 */
class SqliteJournalLayoutTest {
    private static final StreamId STREAM = StreamId.of("orders");

    @TempDir
    Path dir;

    @Test
    void newStoreKeepsItsJournalInARowidTable() throws Exception {
        Path file = dir.resolve("new.db");
        try (Store store = open(file)) {
            assertTrue(store.apply(append(0, "first")).isCommitted());
        }
        assertFalse(createSql(file, "journal").contains("WITHOUT ROWID"), createSql(file, "journal"));
        assertTrue(createSql(file, "streams").contains("WITHOUT ROWID"), createSql(file, "streams"));
    }

    @Test
    void journalCreatedWithoutRowidByEarlierCodeIsReadAndWrittenAndKeepsItsLayout() throws Exception {
        Path file = dir.resolve("old.db");
        try (Store store = open(file)) {
            assertTrue(store.apply(append(0, "first")).isCommitted());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE journal_old (stream TEXT NOT NULL, seq INTEGER NOT NULL, payload BLOB NOT NULL,"
                    + " PRIMARY KEY (stream, seq)) WITHOUT ROWID");
            s.execute("INSERT INTO journal_old SELECT stream, seq, payload FROM journal");
            s.execute("DROP TABLE journal");
            s.execute("ALTER TABLE journal_old RENAME TO journal");
        }

        try (Store store = open(file)) {
            assertEquals(1, store.journalHead(STREAM));
            assertTrue(store.apply(append(1, "second")).isCommitted());
            assertInstanceOf(SequenceConflict.class, store.apply(append(1, "stale")));
            try (var entries = store.readJournal(STREAM, 1, Long.MAX_VALUE, 10)) {
                assertEquals(List.of("1:first", "2:second"), entries.map(SqliteJournalLayoutTest::describe)
                        .collect(Collectors.toList()));
            }
        }
        assertTrue(createSql(file, "journal").contains("WITHOUT ROWID"), createSql(file, "journal"));
    }

    private Store open(Path file) {
        return new SqliteStoreProvider().open(StoreSpec.parse("sqlite:" + file));
    }

    private static WriteBatch append(long head, String payload) {
        return WriteBatch.builder().append(STREAM, head, payload.getBytes(StandardCharsets.UTF_8)).build();
    }

    private static String describe(Entry e) {
        return e.sequence() + ":" + new String(e.payload(), StandardCharsets.UTF_8);
    }

    private static String createSql(Path file, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '" + table
                     + "'")) {
            assertTrue(rs.next(), "no table " + table);
            return rs.getString(1);
        }
    }
}
