package dev.steadfast.lifecycle;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.testing.Backend;
import dev.steadfast.testing.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.steadfast.lifecycle.CopyPopulation.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link StoreCopy} between every pair of backends: everything arrives, truncations included, and verifies. */
class StoreCopyTest {

    static Stream<Arguments> pairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (Backend from : Backends.available()) {
            for (Backend to : Backends.available()) {
                pairs.add(Arguments.of(from, to));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void copyRoundTripKeepsEveryUnitsDigest(Backend from, Backend to, @TempDir Path dir) {
        try (Store source = from.open(dir.resolve("source")); Store target = to.open(dir.resolve("target"))) {
            CopyPopulation.fill(source, 23);
            List<String> progress = new ArrayList<>();

            CopyReport report = StoreCopy.run(source, target, CopyOptions.defaults().withBatchSize(5)
                    .withProgress(progress::add));

            assertEquals(StoreDigest.of(source), StoreDigest.of(target));
            assertEquals(StoreDigest.of(source), report.digest());
            assertEquals(3, report.streams());
            assertEquals(23 + 3, report.entries(), "entries 5..7 of the partly truncated journal and all plain");
            assertFalse(report.resumed());
            assertTrue(progress.size() >= 5, "a progress line per batch of five, got " + progress);
            assertEquals(List.of(), target.listNamespaces(StoreCopy.PROGRESS_NAMESPACE),
                    "the in-progress marker is removed after verification");
            assertTruncationsKept(target);
        }
    }

    static void assertTruncationsKept(Store target) {
        assertEquals(7, target.journalHead(CopyPopulation.PARTLY_TRUNCATED));
        assertEquals(List.of(5L, 6L, 7L), target.readJournal(CopyPopulation.PARTLY_TRUNCATED, 1)
                .map(Entry::sequence).toList());
        assertEquals(4, target.journalHead(CopyPopulation.FULLY_TRUNCATED));
        assertEquals(List.of(), target.readJournal(CopyPopulation.FULLY_TRUNCATED, 1).toList());
        CopyPopulation.commit(target, WriteBatch.builder()
                .append(CopyPopulation.FULLY_TRUNCATED, 4, bytes("b5")).build());
        assertEquals(List.of(5L), target.readJournal(CopyPopulation.FULLY_TRUNCATED, 1)
                .map(Entry::sequence).toList(), "appends continue after the copied head");
    }

    @Test
    void digestDiffersWhenOnePayloadByteDiffers(@TempDir Path dir) {
        Backend memory = Backends.memory();
        try (Store a = memory.open(dir.resolve("a")); Store b = memory.open(dir.resolve("b"))) {
            CopyPopulation.fill(a, 4);
            CopyPopulation.fill(b, 3);
            CopyPopulation.commit(b, WriteBatch.builder().append(CopyPopulation.PLAIN, 3, bytes("plain-X")).build());
            List<String> differences = StoreDigest.of(a).differences(StoreDigest.of(b), false);
            assertEquals(1, differences.size(), differences.toString());
            assertTrue(differences.get(0).startsWith("journal:orders/1: source head=4"), differences.get(0));
        }
    }
}
