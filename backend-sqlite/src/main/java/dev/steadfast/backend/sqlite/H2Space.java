package dev.steadfast.backend.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;

/**
 * The size and the compaction of an embedded H2 file (MVStore).
 *
 * <p>H2 writes every change to fresh chunks at the file's end and overwrites a chunk whose rows are all gone only
 * after its {@code RETENTION_TIME} (45 s by default), so a store that keeps purging and writing grows for as long
 * as it is busy and gives the space back only when the database closes. H2's SQL has no online compaction
 * ({@code SHUTDOWN COMPACT} closes the database for every connection; {@code CHECKPOINT} only writes pending
 * changes; {@code SET RETENTION_TIME 0} makes chunks reusable but never shrinks the file, and is stored as a
 * database setting the owner chose). {@link MVStore#compactFile} does it online: it rewrites the live pages of
 * sparse chunks, moves chunks to the file's start and truncates the file, under the MVStore's own store lock, so
 * concurrent readers and writers of the database stay correct. It is reached through H2's engine classes, which
 * an embedded connection (the only kind this backend opens) has.
 *
 * <p>While it runs, this process's writers of the database wait on its writer lock (the store runs maintenance
 * under it); readers are never held and see every committed row unchanged, a cursor opened before included
 * ({@code H2ReclaimWhileReadingTest}). What an open read still uses stays in the file until a compaction after
 * it has closed. The database is never closed or reopened, so nothing a reader holds is invalidated.
 */
final class H2Space {
    /**
     * Bounds one compaction, so that a huge file cannot hold the store's writers for ever; H2 stops sooner when
     * nothing is left to move, and a later run continues where this one stopped.
     */
    static final int MAX_COMPACT_MS = 60_000;

    /** Passes of {@code compactFile}; a pass with nothing to do costs next to nothing. */
    private static final int PASSES = 3;

    private H2Space() {
    }

    /**
     * Compacts the file now. A pass of {@code compactFile} rewrites the live pages of sparse chunks, but the chunks
     * it empties are dropped only once a later version is stored, and moved and cut off only by the pass after
     * that; so it runs a few passes, each after a commit and an explicit drop of the dead chunks. H2's
     * {@code compactFile} drops the retention time to 0 so that emptied chunks can be reused at once; the owner's
     * setting is put back afterwards, so later commits keep the protection it gives.
     *
     * <p>{@code compactFile} moves chunks only while the chunks themselves are sparser than H2's auto-compaction
     * fill rate (90 %), so a file whose live rows sit in full chunks between emptied ones (a kept journal written
     * interleaved with a purged one) kept its holes and even grew by the rewritten pages. A last move of every
     * chunk behind the first free block, whatever the fill rate, closes the holes and cuts the file. It is H2's
     * own crash-safe chunk move (synced before any chunk is overwritten), which leaves the chunks an open read
     * still uses in place.
     */
    static void compact(Connection connection) throws SQLException {
        MVStore store = mvStore(connection);
        if (store == null || store.getFileStore() == null) {
            return; // h2:mem: keeps nothing on disk
        }
        int retention = store.getRetentionTime();
        try {
            for (int pass = 0; pass < PASSES; pass++) {
                store.compactFile(MAX_COMPACT_MS);
                store.commit();
                store.executeFilestoreOperation(() -> store.getFileStore().dropUnusedChunks()); // under H2's store lock
            }
            store.compactFile(MAX_COMPACT_MS);
            if (store.getFileStore() instanceof RandomAccessStore file) {
                file.compactMoveChunks(100, file.size(), store);
            }
        } finally {
            store.setRetentionTime(retention);
        }
    }

    /** The file's size in bytes as H2 reports it ({@code info.FILE_SIZE}), -1 for a database without a file. */
    static long fileSize(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                + " WHERE SETTING_NAME = 'info.FILE_SIZE'");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Long.parseLong(rs.getString(1).trim()) : -1;
        }
    }

    private static MVStore mvStore(Connection connection) throws SQLException {
        Session session = connection.unwrap(JdbcConnection.class).getSession();
        if (!(session instanceof SessionLocal local) || local.getDatabase().getStore() == null) {
            return null;
        }
        return local.getDatabase().getStore().getMvStore();
    }
}
