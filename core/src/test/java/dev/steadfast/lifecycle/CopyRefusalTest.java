package dev.steadfast.lifecycle;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.testing.Backend;
import dev.steadfast.testing.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.steadfast.lifecycle.CopyPopulation.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link StoreCopy} refuses, and what {@code merge} allows; a refusal changes nothing in the target. */
class CopyRefusalTest {
    private static final StreamId OTHER = StreamId.of("other/1");

    private final Backend memory = Backends.memory();

    @Test
    void nonEmptyTargetIsRefusedAndLeftUnchanged(@TempDir Path dir) {
        try (Store source = memory.open(dir.resolve("s")); Store target = memory.open(dir.resolve("t"))) {
            CopyPopulation.fill(source, 3);
            CopyPopulation.commit(target, WriteBatch.builder().append(OTHER, 0, bytes("mine")).build());
            StoreDigest before = StoreDigest.of(target);

            CopyException e = assertThrows(CopyException.class,
                    () -> StoreCopy.run(source, target, CopyOptions.defaults()));

            assertTrue(e.getMessage().contains("the target is not empty (1 journal(s)"), e.getMessage());
            assertEquals(before, StoreDigest.of(target));
            assertEquals(List.of(), target.listNamespaces(StoreCopy.PROGRESS_NAMESPACE));
        }
    }

    @Test
    void mergeKeepsTheTargetsOwnUnitsAndAddsTheSources(@TempDir Path dir) {
        try (Store source = memory.open(dir.resolve("s")); Store target = memory.open(dir.resolve("t"))) {
            CopyPopulation.fill(source, 3);
            CopyPopulation.commit(target, WriteBatch.builder().append(OTHER, 0, bytes("mine"))
                    .putRecord("mine", RecordKey.of("k"), bytes("v")).build());

            StoreCopy.run(source, target, CopyOptions.defaults().withMerge(true));

            assertEquals(List.of(), StoreDigest.of(source).differences(StoreDigest.of(target), true));
            assertEquals(1, target.journalHead(OTHER));
            assertEquals("v", new String(target.getRecord("mine", RecordKey.of("k")).orElseThrow()));
        }
    }

    @Test
    void mergeRefusesAJournalWhoseTargetHeadIsAhead(@TempDir Path dir) {
        try (Store source = memory.open(dir.resolve("s")); Store target = memory.open(dir.resolve("t"))) {
            CopyPopulation.fill(source, 3);
            CopyPopulation.fill(target, 5);

            CopyException e = assertThrows(CopyException.class,
                    () -> StoreCopy.run(source, target, CopyOptions.defaults().withMerge(true)));

            assertEquals("journal 'orders/1': the target's head 5 is ahead of the source's head 3; it holds events "
                    + "the source does not", e.getMessage());
        }
    }

    @Test
    void mergeRefusesAFenceWhoseTargetEpochIsAhead(@TempDir Path dir) {
        try (Store source = memory.open(dir.resolve("s")); Store target = memory.open(dir.resolve("t"))) {
            CopyPopulation.fill(source, 3);
            CopyPopulation.commit(target, WriteBatch.builder()
                    .setFence(new Fence("owner/orders", "node-z", 9, "t9", 0), 0).build());

            CopyException e = assertThrows(CopyException.class,
                    () -> StoreCopy.run(source, target, CopyOptions.defaults().withMerge(true)));

            assertEquals("fence 'owner/orders' is at epoch 9 in the target, ahead of the source's epoch 3",
                    e.getMessage());
            assertEquals(9, target.readFence("owner/orders").orElseThrow().epoch());
        }
    }

    @Test
    void mergeWithDifferingEntriesFailsVerificationNamingTheJournal(@TempDir Path dir) {
        try (Store source = memory.open(dir.resolve("s")); Store target = memory.open(dir.resolve("t"))) {
            CopyPopulation.fill(source, 3);
            CopyPopulation.commit(target, WriteBatch.builder()
                    .append(CopyPopulation.PLAIN, 0, bytes("different")).build());

            CopyException e = assertThrows(CopyException.class,
                    () -> StoreCopy.run(source, target, CopyOptions.defaults().withMerge(true)));

            assertTrue(e.getMessage().startsWith("the copy does not verify; 1 unit(s) differ, first: journal:orders/1"),
                    e.getMessage());
        }
    }

    @Test
    void interruptedCopyFromAnotherSourceIsRefused(@TempDir Path dir) {
        try (Store source = memory.open(dir.resolve("s")); Store target = memory.open(dir.resolve("t"))) {
            CopyPopulation.fill(source, 3);
            CopyPopulation.commit(target, WriteBatch.builder().putRecord(StoreCopy.PROGRESS_NAMESPACE,
                    RecordKey.of("in-progress"), bytes("sqlite:/elsewhere.db")).build());

            CopyException e = assertThrows(CopyException.class,
                    () -> StoreCopy.run(source, target, CopyOptions.defaults()));

            assertTrue(e.getMessage().startsWith("the target holds an interrupted copy from sqlite:/elsewhere.db"),
                    e.getMessage());
        }
    }
}
