package dev.steadfast.backend.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stores share a writer lock exactly when they share a database, for spellings where following links and
 * taking {@code ..} off by text disagree: {@code jump/..}, with {@code jump} a link to {@code far/near}, is
 * {@code far} to the operating system, SQLite and H2, not the directory {@code jump} sits in.
 */
class WriterLocksTest {
    @TempDir
    Path dir;
    private Path roundabout;

    @BeforeEach
    void linkedDirectory() throws Exception {
        Files.createDirectories(dir.resolve("far").resolve("near"));
        Files.createSymbolicLink(dir.resolve("jump"), dir.resolve("far").resolve("near"));
        roundabout = dir.resolve("jump").resolve("..");
    }

    @Test
    void aSqliteFileReachedThroughALinkAndDotDotSharesTheLockOfTheFileItIsNotOfTheTextualOne() throws Exception {
        Lock missing = WriterLocks.of(roundabout.resolve("x.db"));
        assertSame(WriterLocks.of(dir.resolve("far").resolve("x.db")), missing, "before the file exists");
        assertNotSame(WriterLocks.of(dir.resolve("x.db")), missing);

        new SqliteStoreProvider().open(StoreSpec.parse("sqlite:" + roundabout.resolve("x.db"))).close();
        assertTrue(Files.exists(dir.resolve("far").resolve("x.db")), "SQLite created the file the link leads to");
        assertFalse(Files.exists(dir.resolve("x.db")));
        Files.createFile(dir.resolve("x.db")); // another store's file where the text points
        assertSame(missing, WriterLocks.of(roundabout.resolve("x.db")), "once the file exists");
        assertSame(missing, WriterLocks.of(dir.resolve("far").resolve("x.db")));
        assertNotSame(missing, WriterLocks.of(dir.resolve("x.db")));
    }

    @Test
    void aSqliteFileCreatedThroughADanglingLinkKeepsTheLockItHadBeforeItExisted() throws Exception {
        Path alias = Files.createSymbolicLink(dir.resolve("alias.db"), dir.resolve("target.db"));
        Lock before = WriterLocks.of(alias);
        try (Store store = new SqliteStoreProvider().open(StoreSpec.parse("sqlite:" + alias))) {
            assertTrue(Files.isRegularFile(dir.resolve("target.db")), "SQLite created the link's target");
            assertSame(before, WriterLocks.of(dir.resolve("target.db")));
            assertSame(before, WriterLocks.of(alias));
        }
    }

    @Test
    void twoH2SpellingsShareALockExactlyWhenH2GivesThemOneDatabase() throws Exception {
        Path far = dir.resolve("far").resolve("h");
        Path linked = roundabout.resolve("h");
        try (Connection atFar = h2(far); Connection throughLink = h2(linked)) {
            assertEquals(databasePath(atFar), databasePath(throughLink), "H2 follows the link for an existing file");
            assertSame(WriterLocks.ofH2(mv(far)), WriterLocks.ofH2(mv(linked)));
        }
        // A missing file: H2 takes '..' off by text and creates the database where the text points.
        Path missing = roundabout.resolve("m");
        Lock before = WriterLocks.ofH2(mv(missing));
        try (Connection first = h2(missing); Connection textual = h2(dir.resolve("m"))) {
            assertTrue(Files.exists(mv(dir.resolve("m"))));
            assertEquals(databasePath(first), databasePath(textual));
            assertSame(before, WriterLocks.ofH2(mv(dir.resolve("m"))));
            try (Connection elsewhere = h2(far)) {
                assertNotEquals(databasePath(first), databasePath(elsewhere));
                assertNotSame(before, WriterLocks.ofH2(mv(far)));
            }
        }
    }

    private static Path mv(Path base) {
        return Path.of(base.toAbsolutePath() + ".mv.db");
    }

    private static Connection h2(Path base) throws Exception {
        return DriverManager.getConnection("jdbc:h2:file:" + base.toAbsolutePath());
    }

    private static String databasePath(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("CALL DATABASE_PATH()")) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }
}
