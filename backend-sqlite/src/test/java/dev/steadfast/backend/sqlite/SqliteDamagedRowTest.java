package dev.steadfast.backend.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.CorruptStoreException;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal row that no write could have produced, edited in with plain SQL after the store was closed, is reported
 * as {@link CorruptStoreException} naming the stream when it is read, not as a caller's bad argument.
 */
class SqliteDamagedRowTest {
    private static final StreamId STREAM = StreamId.of("orders/1");

    @TempDir
    Path dir;

    @Test
    void aJournalRowWithoutPayloadIsCorruption() throws SQLException {
        Path file = storeWithThreeEntries();
        // NOT NULL keeps a plain UPDATE out, so the table is rebuilt without it first, as a careless tool might.
        sql(file, "ALTER TABLE journal RENAME TO journal_old",
                "CREATE TABLE journal (stream TEXT NOT NULL, seq INTEGER NOT NULL, payload BLOB,"
                        + " PRIMARY KEY (stream, seq))",
                "INSERT INTO journal SELECT stream, seq, payload FROM journal_old",
                "DROP TABLE journal_old",
                "UPDATE journal SET payload = NULL WHERE seq = 2");
        assertCorruptOnRead(file, "no payload");
    }

    @Test
    void aJournalRowWhoseSequenceIsNotANumberIsCorruptionNotASilentGap() throws SQLException {
        Path file = storeWithThreeEntries();
        sql(file, "UPDATE journal SET seq = '2 (edited)' WHERE seq = 2");
        assertCorruptOnRead(file, "after sequence 1 has sequence 3");
    }

    private void assertCorruptOnRead(Path file, String found) {
        try (Store store = open(file)) {
            CorruptStoreException e = assertThrows(CorruptStoreException.class,
                    () -> store.readJournal(STREAM, 1).toList());
            assertTrue(e.getMessage().contains("'" + STREAM + "'") && e.getMessage().contains(found), e.getMessage());
            assertEquals(3, store.journalHead(STREAM));
        }
    }

    private Path storeWithThreeEntries() {
        Path file = dir.resolve("s.db");
        try (Store store = open(file)) {
            store.apply(WriteBatch.builder().append(STREAM, 0, List.of(bytes("a"), bytes("b"), bytes("c"))).build());
        }
        return file;
    }

    private static void sql(Path file, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static Store open(Path file) {
        return new SqliteStoreProvider().open(StoreSpec.parse("sqlite:" + file));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
