package dev.steadfast.backend.encryptedfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreIOException;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A segment roll that fails after the group that filled the segment was committed. */
class RollFailureTest {
    private static final StreamId S = StreamId.of("s");

    @TempDir
    Path dir;

    /**
     * The group is durable and indexed before the roll starts, so its callers are told it committed, as when the
     * high-water mark cannot be advanced; only later writes are refused until the store is reopened. The roll's
     * failure used to be thrown to the callers of a group that had committed.
     */
    @Test
    void aGroupCommittedBeforeItsSegmentRollFailedIsReportedCommittedAndLaterWritesAreRefused() throws Exception {
        Path vault = dir.resolve("vault");
        Path keyset = dir.resolve("k.json");
        Path taken = vault.resolve(Format.pendingFileName(2));
        try (Store store = Vaults.open(vault, keyset, 4096)) {
            Files.createDirectory(taken); // the next segment's pending name is taken: creating it fails
            assertTrue(store.apply(WriteBatch.builder().append(S, 0, new byte[5000]).build()).isCommitted());
            StoreIOException refused = assertThrows(StoreIOException.class,
                    () -> store.apply(WriteBatch.builder().append(S, 1, new byte[1]).build()));
            assertTrue(refused.getMessage().contains("rolling to a new segment failed"), refused.getMessage());
            assertEquals(1, store.journalHead(S));
        }
        Files.delete(taken);
        try (Store store = Vaults.open(vault, keyset, 4096)) {
            assertEquals(1, store.journalHead(S));
            assertTrue(store.apply(WriteBatch.builder().append(S, 1, new byte[1]).build()).isCommitted());
        }
    }
}
