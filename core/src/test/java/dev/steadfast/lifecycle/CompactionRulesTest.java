package dev.steadfast.lifecycle;

import static dev.steadfast.lifecycle.CompactionTest.range;
import static dev.steadfast.lifecycle.CompactionTest.sequences;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.session.RetentionPolicy;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.testing.Backend;
import dev.steadfast.testing.Stores;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Several {@link RetentionRule rules} in one compaction (the longest prefix governs each journal), and age rules over
 * journals that are not sessions': dated by the rule's {@link EntryTime}, refused without one.
 */
class CompactionRulesTest {
    private static final StreamId CHAT = StreamId.of("chat/room");
    private static final StreamId CHAT_VIP = StreamId.of("chat/vip/room");
    private static final StreamId AUDIT = StreamId.of("audit/log");
    private static final StreamId OTHER = StreamId.of("other/x");
    private static final Duration HOUR = Duration.ofHours(1);

    /** A payload that starts with the time it was written, as an application might stamp its entries. */
    private static final EntryTime STAMPED = e -> e.payload().length >= 8
            ? OptionalLong.of(ByteBuffer.wrap(e.payload()).getLong()) : OptionalLong.empty();

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void eachJournalIsKeptByTheRuleWithTheLongestPrefixItStartsWith(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            for (StreamId s : List.of(CHAT, CHAT_VIP, OTHER)) {
                append(store, s, 20, i -> new byte[1]);
            }
            Compaction compaction = Compaction.of(store).rule("chat/", RetentionPolicy.atMost(5))
                    .rule("chat/vip/", RetentionPolicy.atMost(15));

            CompactionPlan plan = compaction.plan();
            CompactionReport report = compaction.run(false, line -> { });

            assertEquals(List.of(CHAT, CHAT_VIP), plan.streams().stream().map(StreamCut::stream).toList());
            assertEquals(15 + 5, report.entriesRemoved());
            assertEquals(range(16, 20), sequences(store, CHAT));
            assertEquals(range(6, 20), sequences(store, CHAT_VIP));
            assertEquals(range(1, 20), sequences(store, OTHER), "no rule, nothing removed");
            assertEquals("chat/vip/", compaction.ruleFor(CHAT_VIP).orElseThrow().prefix());
        }
    }

    @Test
    void aSecondRuleForTheSamePrefixIsRefusedNamingBoth() {
        try (Store store = Stores.open("memory:")) {
            Compaction compaction = Compaction.of(store).rule("chat/", RetentionPolicy.atMost(5));

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> compaction.rule("chat/", RetentionPolicy.afterSnapshot(2)));

            assertEquals("retention rule for prefix 'chat/' given twice: MaxEntries[count=5] and "
                    + "KeepSnapshots[count=2]", e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void anAgeRuleDatesEntriesWithItsEntryTimeAndKeepsTheNewerOnes(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            ManualClock clock = new ManualClock();
            long start = clock.millis();
            // entry i written at start + i minutes; entry 7 carries no time
            append(store, AUDIT, 20, i -> i == 7 ? new byte[] {1} : stamp(start + i * 60_000L));
            clock.advance(Duration.ofMinutes(72)); // now = start + 72 min: entries 1..12 are older than an hour

            Compaction compaction = Compaction.of(store).clock(clock)
                    .rule(RetentionRule.of("audit/", RetentionPolicy.newerThan(HOUR)).withEntryTime(STAMPED));
            CompactionReport report = compaction.run(false, line -> { });

            assertEquals(12, report.entriesRemoved());
            assertEquals(range(13, 20), sequences(store, AUDIT));
            assertEquals(20, store.journalHead(AUDIT));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void anAgeRuleNeverRemovesPastAnEntryThatIsNotOldYet(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            ManualClock clock = new ManualClock();
            long start = clock.millis();
            // entry 3 was stamped by a clock running ahead: it and everything after it stay
            append(store, AUDIT, 10, i -> stamp(i == 3 ? start + 600 * 60_000L : start + i * 60_000L));
            clock.advance(Duration.ofMinutes(75));

            Compaction.of(store).clock(clock).rule(RetentionRule.of("audit/", RetentionPolicy.newerThan(HOUR))
                    .withEntryTime(STAMPED)).run(false, line -> { });

            assertEquals(range(3, 10), sequences(store, AUDIT));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void anAgeRuleOverAJournalItCannotDateIsRefusedAndNothingChanges(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            append(store, CHAT, 5, i -> new byte[8]);
            append(store, AUDIT, 5, i -> new byte[8]);
            StoreDigest before = StoreDigest.of(store);
            Compaction compaction = Compaction.of(store).rule("audit/", RetentionPolicy.atMost(0))
                    .rule("chat/", RetentionPolicy.newerThan(HOUR));

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> compaction.run(true, line -> { }));

            assertTrue(e.getMessage().startsWith("retention rule 'chat/' keeps the events newer than PT1H, but journal"
                    + " 'chat/room' is not a session's"), e.getMessage());
            assertTrue(e.getMessage().contains("needs an EntryTime"), e.getMessage());
            assertEquals(before, StoreDigest.of(store), "refused before the first removal, audit/ included");
        }
    }

    private interface Payloads {
        byte[] of(int index);
    }

    private static byte[] stamp(long atMs) {
        return ByteBuffer.allocate(8).putLong(atMs).array();
    }

    private static void append(Store store, StreamId stream, int entries, Payloads payloads) {
        List<byte[]> all = new ArrayList<>();
        for (int i = 1; i <= entries; i++) {
            all.add(payloads.of(i));
        }
        assertEquals(WriteResult.committed(), store.apply(WriteBatch.builder().append(stream, 0, all).build()));
    }
}
