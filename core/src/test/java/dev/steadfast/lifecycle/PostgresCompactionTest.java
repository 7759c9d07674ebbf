package dev.steadfast.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.steadfast.backend.postgresql.PostgresServer;
import dev.steadfast.session.RetentionPolicy;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.testing.Backends;
import dev.steadfast.testing.Latches;
import dev.steadfast.testing.Stores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a compaction does to a PostgreSQL store beyond removing the right rows: the space of the deleted rows is
 * reused (the tables stop growing over purge-and-refill cycles), and a big purge runs as many short transactions,
 * one per chunk, so a writer of the very journal being purged gets through between two chunks.
 */
class PostgresCompactionTest {
    private static final StreamId CHAT = StreamId.of("chat/room");
    private static final int ENTRIES = 2000;
    private static final int PAYLOAD = 1000; // random, so TOAST cannot compress it; small enough to stay inline

    @TempDir
    Path dir;

    private String schema;

    @BeforeEach
    void needsPostgres() {
        assumeTrue(Backends.find("postgresql").isPresent(), "no PostgreSQL server could be started");
        schema = "compaction_" + Integer.toUnsignedString(dir.toAbsolutePath().toString().hashCode(), 36);
    }

    @Test
    void purgeAndReclaimLetRefillsReuseTheSpaceSoTheTablesStopGrowing() throws SQLException {
        try (Store store = Stores.open(PostgresServer.shared().storeUri(schema))) {
            // Autovacuum would reuse the space too, some time later; off, the test sees only what compact does.
            sql("ALTER TABLE " + schema + ".journal SET (autovacuum_enabled = false,"
                    + " toast.autovacuum_enabled = false)");
            Random random = new Random(23);
            List<Long> sizes = new ArrayList<>();
            for (int cycle = 0; cycle < 3; cycle++) {
                append(store, ENTRIES, random);
                sizes.add(store.storageBytes().orElseThrow());

                CompactionReport report = compaction(store).run(true, line -> { });

                assertEquals(ENTRIES, report.entriesRemoved());
            }
            long first = sizes.get(0);
            for (long size : sizes) {
                // Without the VACUUM every cycle would add its ENTRIES * PAYLOAD bytes to the tables.
                assertTrue(size < first + first / 3, "each refill reused the space purged before it: " + sizes);
            }
            assertEquals(3L * ENTRIES, store.journalHead(CHAT));
        }
    }

    @Test
    void aWriterOfThePurgedJournalGetsThroughBetweenTwoChunks() throws Exception {
        try (Store store = Stores.open(PostgresServer.shared().storeUri(schema));
             Store otherService = Stores.open(PostgresServer.shared().storeUri(schema))) {
            append(store, ENTRIES, new Random(5));
            AtomicInteger chunks = new AtomicInteger();
            List<Long> headsSeenByTheWriter = new ArrayList<>();

            CompactionReport report = compaction(store).chunkEntries(ENTRIES / 4).run(false, line -> {
                if (chunks.incrementAndGet() == 1) {
                    // The purge is under way (three chunks to go); a writer on its own connections appends to the
                    // journal being purged and must finish before the purge goes on: the first chunk's
                    // transaction is over, and nothing of the purge is held across chunks.
                    CompletableFuture<Long> append = CompletableFuture.supplyAsync(() -> {
                        long head = otherService.journalHead(CHAT);
                        assertEquals(WriteResult.committed(), otherService.apply(WriteBatch.builder()
                                .append(CHAT, head, List.of(new byte[] {42})).build()));
                        return head + 1;
                    });
                    headsSeenByTheWriter.add(join(append));
                }
            });

            assertEquals(List.of(ENTRIES + 1L), headsSeenByTheWriter);
            assertTrue(chunks.get() >= 4, chunks.get() + " chunks");
            assertEquals(ENTRIES + 1L, report.entriesRemoved(), "planned again at the new head: all of it goes");
            assertEquals(ENTRIES + 1L, store.journalHead(CHAT));
        }
    }

    /**
     * Counts the deleting transactions directly: a row trigger, added for the test, notes the transaction id of every
     * journal row deleted. A purge of 2,000 entries in chunks of 500 must be four transactions of 500 rows each, so
     * no lock the purge takes is held longer than one chunk's delete.
     */
    @Test
    void aBigPurgeDeletesInTransactionsOfAtMostOneChunkEach() throws SQLException {
        try (Store store = Stores.open(PostgresServer.shared().storeUri(schema))) {
            append(store, ENTRIES, new Random(7));
            sql("CREATE TABLE " + schema + ".deleted_by (tx BIGINT NOT NULL)");
            sql("CREATE FUNCTION " + schema + ".note_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " INSERT INTO " + schema + ".deleted_by VALUES (txid_current()); RETURN OLD; END $$");
            sql("CREATE TRIGGER note_delete AFTER DELETE ON " + schema + ".journal FOR EACH ROW EXECUTE FUNCTION "
                    + schema + ".note_delete()");

            CompactionReport report = compaction(store).run(false, line -> { });

            assertEquals(ENTRIES, report.entriesRemoved());
            assertEquals(List.of(500L, 500L, 500L, 500L), query("SELECT count(*) FROM " + schema + ".deleted_by"
                    + " GROUP BY tx ORDER BY tx"), "rows deleted per transaction");
        }
    }

    private static Compaction compaction(Store store) {
        return Compaction.of(store).rule("chat/", RetentionPolicy.atMost(0)).chunkEntries(ENTRIES / 4);
    }

    private static long join(CompletableFuture<Long> future) {
        try {
            return future.get(Latches.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the append waited " + Latches.TIMEOUT_SECONDS + " s: the purge held the journal",
                    e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void append(Store store, int entries, Random random) {
        for (int done = 0; done < entries; done += 500) {
            List<byte[]> payloads = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                byte[] payload = new byte[PAYLOAD];
                random.nextBytes(payload);
                payloads.add(payload);
            }
            long head = store.journalHead(CHAT);
            assertEquals(WriteResult.committed(), store.apply(WriteBatch.builder().append(CHAT, head, payloads)
                    .build()));
        }
    }

    private static List<Long> query(String select) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (Connection c = PostgresServer.shared().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(select)) {
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
        }
        return values;
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = PostgresServer.shared().connect(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
