package dev.steadfast.backend.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code writeDelayMs} option of {@code h2:}: passed to H2 as {@code WRITE_DELAY}, stated in the descriptor as
 * the window a killed process may lose, refused with a clear error when out of range; and its default, 0, loses
 * no acknowledged append to {@code kill -9}.
 */
class H2WriteDelayTest {
    private static final StreamId S = StreamId.of("delayed");

    @TempDir
    Path dir;

    private static Store open(String uri) {
        return new H2StoreProvider().open(StoreSpec.parse(uri));
    }

    /** H2's own view of the setting, through a second connection to the database the store has open. */
    private static long h2WriteDelay(Path base) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base.toAbsolutePath());
             PreparedStatement ps = c.prepareStatement(
                     "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'");
             ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next(), "H2 lists a WRITE_DELAY setting");
            return Long.parseLong(rs.getString(1));
        }
    }

    @Test
    void byDefaultH2WritesEachCommitAndTheDescriptorPromisesNoLossToAKilledProcess() throws Exception {
        Path base = dir.resolve("plain");
        try (Store store = open("h2:" + base)) {
            assertEquals(0, store.descriptor().crashLossWindowMillis());
            assertEquals(0, h2WriteDelay(base));
        }
    }

    @Test
    void writeDelayMsReachesH2AndTheDescriptorStatesTheWindowALossMayCover() throws Exception {
        Path base = dir.resolve("delayed");
        try (Store store = open("h2:" + base + "?writeDelayMs=250")) {
            assertEquals(250, store.descriptor().crashLossWindowMillis());
            assertFalse(store.descriptor().durable());
            assertEquals(250, h2WriteDelay(base));
            store.apply(WriteBatch.builder().append(S, 0, new byte[] {1}, new byte[] {2}).build());
        }
        try (Store store = open("h2:" + base + "?writeDelayMs=250")) {
            assertEquals(2, store.journalHead(S), "closing writes what the delay held back");
        }
    }

    @Test
    void writeDelayOutsideItsRangeOrNotANumberIsRefusedNamingTheOptionAndNothingIsCreated() {
        for (String bad : List.of("-1", "60001", "soon")) {
            Path base = dir.resolve("bad" + bad);
            StoreConfigurationException e = assertThrows(StoreConfigurationException.class,
                    () -> open("h2:" + base + "?writeDelayMs=" + bad));
            assertTrue(e.getMessage().contains("writeDelayMs") && e.getMessage().contains(bad), e.getMessage());
            assertFalse(Files.exists(Path.of(base + ".mv.db")), "nothing created for " + bad);
        }
        StoreConfigurationException upper = assertThrows(StoreConfigurationException.class,
                () -> open("h2:" + dir.resolve("upper") + "?writeDelayMs=60001"));
        assertTrue(upper.getMessage().contains("between 0 and " + H2StoreProvider.MAX_WRITE_DELAY_MS),
                upper.getMessage());
    }

    @Test
    void inMemoryStoreRefusesAWriteDelaySayingItHasNoFile() {
        StoreConfigurationException e = assertThrows(StoreConfigurationException.class,
                () -> open("h2:mem:write-delay-test?writeDelayMs=100"));
        assertTrue(e.getMessage().contains("writeDelayMs") && e.getMessage().contains("h2:mem:"), e.getMessage());
    }

    @Test
    void byDefaultEveryAcknowledgedAppendSurvivesSigkill() throws Exception {
        Path base = dir.resolve("crash");
        String uri = "h2:" + base;
        long acknowledged = 0;
        for (int round = 0; round < 2; round++) {
            acknowledged = killAfter(uri, "1", acknowledged);
            try (Store store = open(uri)) {
                long head = store.journalHead(S);
                assertTrue(head >= acknowledged, "round " + round + ": head " + head + " after " + acknowledged
                        + " acknowledged appends");
                assertEntriesUpTo(store, head, "round " + round);
                acknowledged = head;
            }
        }
    }

    @Test
    void withAWriteDelayASigkilledStoreReopensWithWholeBatchesOnly() throws Exception {
        assertReopensWithWholeBatchesAfterAKill("h2:" + dir.resolve("delayed-crash") + "?writeDelayMs=200");
    }

    /**
     * Creating a store is the one write a write delay must not hold back: with a window far longer than the run,
     * nothing the child wrote after creating the store reached the file, yet the store opens as a Steadfast store
     * (it was refused as "not a Steadfast store" when the tables reached the file without the version row).
     */
    @Test
    void aStoreKilledWithinItsWriteDelayRightAfterCreationStillOpens() throws Exception {
        assertReopensWithWholeBatchesAfterAKill("h2:" + dir.resolve("created-then-killed") + "?writeDelayMs=10000");
    }

    /** Kills a child appending 3-entry batches to a new store at {@code uri}, then reopens it and checks it. */
    private static void assertReopensWithWholeBatchesAfterAKill(String uri) throws Exception {
        long acknowledged = killAfter(uri, "3", 0);
        try (Store store = open(uri)) {
            long head = store.journalHead(S);
            // What the window may lose is not asserted (it depends on timing); what it must never do is.
            assertEquals(0, head % 3, "head " + head + " is not a whole number of 3-entry batches");
            assertTrue(head <= acknowledged + 3, "head " + head + " beyond the batch in flight after " + acknowledged);
            assertEntriesUpTo(store, head, "after the kill");
        }
    }

    /** Starts the appender on {@code uri}, lets it acknowledge 40 batches, kills it; returns the last head it printed. */
    private static long killAfter(String uri, String entriesPerBatch, long expectedHead) throws Exception {
        long acknowledged = expectedHead;
        try (ChildJvm child = ChildJvm.start(CrashAppender.class, List.of("-XX:TieredStopAtLevel=1"), uri, S.value(),
                entriesPerBatch)) {
            assertEquals("ready " + expectedHead, child.nextLine(Duration.ofSeconds(60)));
            for (int i = 0; i < 40; i++) {
                acknowledged = Long.parseLong(child.nextLine(Duration.ofSeconds(30)));
            }
            child.kill();
            for (String line : child.remainingLines(Duration.ofSeconds(30))) {
                acknowledged = Long.parseLong(line);
            }
        }
        return acknowledged;
    }

    private static void assertEntriesUpTo(Store store, long head, String context) {
        try (Stream<Entry> entries = store.readJournal(S, 1)) {
            List<Entry> all = entries.toList();
            assertEquals(head, all.size(), context + ": entries 1.." + head);
            for (Entry e : all) {
                assertArrayEquals(("entry-" + e.sequence()).getBytes(StandardCharsets.UTF_8), e.payload(), context);
            }
        }
    }
}
