package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.CorruptStoreException;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What open does with what a crash leaves behind, and with a second opener. */
class RecoveryTest {
    @TempDir
    Path dir;

    /** Copies the files of an open store: the image a power cut at this moment would leave. */
    private Path crashImage(Path vault, String name) throws Exception {
        Path image = dir.resolve(name);
        Vaults.copyDirectory(vault, image);
        return image;
    }

    @Test
    void aTornTailPastTheHighWaterMarkIsTruncatedAndCommittedBatchesSurvive() throws Exception {
        Path vault = dir.resolve("vault");
        Path keyset = dir.resolve("k.json");
        String committed;
        Path image;
        try (Store store = Vaults.open(vault, keyset, 1 << 20)) {
            Vaults.fill(store, 30, "torn");
            committed = Vaults.dump(store);
            image = crashImage(vault, "image");
        }
        Path active = Vaults.segments(image).get(Vaults.segments(image).size() - 1);
        byte[] half = Framing.encode(999, Format.TYPE_BATCH, new byte[Format.CHAIN_BYTES], new byte[200]);
        Files.write(active, java.util.Arrays.copyOf(half, 120), StandardOpenOption.APPEND);
        long tornSize = Files.size(active);
        try (Store store = Vaults.open(image, keyset, 1 << 20)) {
            assertEquals(committed, Vaults.dump(store));
            StreamId s = StreamId.of("orders/0");
            assertTrue(store.apply(WriteBatch.builder().append(s, store.journalHead(s), Vaults.utf8("after")).build())
                    .isCommitted());
        }
        assertTrue(Files.size(active) < tornSize + 200);
        try (Store store = Vaults.open(image, keyset, 1 << 20)) {
            assertTrue(Vaults.dump(store).contains("=after"));
        }
    }

    @Test
    void damageBeforeTheHighWaterMarkIsNotMistakenForATornWrite() throws Exception {
        Path vault = dir.resolve("vault");
        Path keyset = dir.resolve("k.json");
        try (Store store = Vaults.open(vault, keyset, 1 << 20)) {
            Vaults.fill(store, 10, "torn");
        }
        Path active = Vaults.segments(vault).get(0);
        byte[] bytes = Files.readAllBytes(active);
        List<Integer> frames = Vaults.frameOffsets(bytes);
        Files.write(active, java.util.Arrays.copyOf(bytes, frames.get(frames.size() - 1) + 20));
        var before = Vaults.fingerprint(vault);
        var e = assertThrows(CorruptStoreException.class, () -> Vaults.open(vault, keyset, 1 << 20).close());
        assertTrue(e.getMessage().contains("not a torn write"), e.getMessage());
        assertEquals(before, Vaults.fingerprint(vault), "nothing is truncated when the open is refused");
    }

    @Test
    void aPendingSegmentNoManifestListsIsRemoved() throws Exception {
        Path vault = dir.resolve("vault");
        Path keyset = dir.resolve("k.json");
        String state;
        try (Store store = Vaults.open(vault, keyset, 1 << 20)) {
            Vaults.fill(store, 10, "roll");
            state = Vaults.dump(store);
        }
        Path orphan = vault.resolve(Format.pendingFileName(2));
        Files.write(orphan, new byte[Format.SEGMENT_HEADER_BYTES]);
        try (Store store = Vaults.open(vault, keyset, 1 << 20)) {
            assertEquals(state, Vaults.dump(store));
        }
        assertTrue(Files.notExists(orphan));
    }

    @Test
    void aSegmentTheManifestListsUnderItsPendingNameIsPublished() throws Exception {
        Path vault = dir.resolve("vault");
        Path keyset = dir.resolve("k.json");
        String state;
        try (Store store = Vaults.open(vault, keyset, 4096)) {
            Vaults.fill(store, 40, "roll");
            state = Vaults.dump(store);
        }
        List<Path> segments = Vaults.segments(vault);
        Path newest = segments.get(segments.size() - 1);
        long id = Format.segmentIdOf(newest.getFileName().toString());
        Files.move(newest, vault.resolve(Format.pendingFileName(id)));
        try (Store store = Vaults.open(vault, keyset, 4096)) {
            assertEquals(state, Vaults.dump(store));
        }
        assertTrue(Files.exists(newest), "the crash between manifest and rename is completed");
    }

    @Test
    void aTruncationAtARecordBoundaryNamesTheSegmentAndOffset() throws Exception {
        Path vault = dir.resolve("vault");
        Path keyset = dir.resolve("k.json");
        try (Store store = Vaults.open(vault, keyset, 1 << 20)) {
            Vaults.fill(store, 10, "cut");
        }
        Path active = Vaults.segments(vault).get(0);
        byte[] bytes = Files.readAllBytes(active);
        List<Integer> frames = Vaults.frameOffsets(bytes);
        int cut = frames.get(frames.size() - 1);
        Files.write(active, java.util.Arrays.copyOf(bytes, cut));
        var e = assertThrows(CorruptStoreException.class, () -> Vaults.open(vault, keyset, 1 << 20).close());
        assertTrue(e.getMessage().contains(active.getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("offset " + cut), e.getMessage());
    }

    @Test
    void aSecondOpenOfTheSameDirectoryInThisProcessFailsClearly() {
        Path vault = dir.resolve("vault");
        Path keyset = dir.resolve("k.json");
        try (Store first = Vaults.open(vault, keyset, 1 << 20)) {
            var e = assertThrows(StoreConfigurationException.class, () -> Vaults.open(vault, keyset, 1 << 20));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
            assertTrue(first.apply(WriteBatch.builder().append(StreamId.of("s"), 0, Vaults.utf8("x")).build())
                    .isCommitted());
        }
        try (Store again = Vaults.open(vault, keyset, 1 << 20)) {
            assertEquals(1, again.journalHead(StreamId.of("s")));
        }
    }

    @Test
    void aDevelopmentKeysetMayLiveInsideTheStoreDirectory() {
        Path vault = dir.resolve("vault");
        String uri = "encrypted-file:" + vault + "?keyset=" + vault.resolve("k.json") + "&createKeyset=true";
        try (Store store = new EncryptedFileStoreProvider().open(dev.steadfast.spi.StoreSpec.parse(uri))) {
            Vaults.fill(store, 3, "inside");
        }
        try (Store store = new EncryptedFileStoreProvider().open(dev.steadfast.spi.StoreSpec.parse(uri))) {
            assertTrue(Vaults.dump(store).contains("inside-entry-2"));
        }
    }

    @Test
    void theDescriptorPromisesDurableEncryptedAndUnshared() {
        try (Store store = Vaults.open(dir.resolve("vault"), dir.resolve("k.json"), 1 << 20)) {
            assertTrue(store.descriptor().durable());
            assertTrue(store.descriptor().encrypted());
            assertTrue(!store.descriptor().sharedAcrossProcesses());
            assertEquals("encrypted-file", store.descriptor().scheme());
        }
    }
}
