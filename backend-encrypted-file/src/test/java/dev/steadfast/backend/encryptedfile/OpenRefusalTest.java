package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.CorruptStoreException;
import dev.steadfast.spi.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Open never deletes or truncates acknowledged data: anything but a provably torn final write is refused with a
 * message naming the file and offset, and the directory stays byte for byte as it was (the {@code LOCK} file, which
 * a refused open may create empty, aside).
 */
class OpenRefusalTest {
    private static final long SMALL = 4096;
    private static final long LARGE = 1 << 20;

    @TempDir
    Path dir;

    private final Path keyset() {
        return dir.resolve("k.json");
    }

    @Test
    void aRestoredOlderManifestIsRefusedAndNoNewerSegmentIsDeleted() throws IOException {
        Path vault = dir.resolve("vault");
        Vaults.fillAndClose(vault, keyset(), SMALL, 50, "old");
        byte[] oldManifest = Files.readAllBytes(vault.resolve(Format.MANIFEST));
        Vaults.fillAndClose(vault, keyset(), SMALL, 200, "new");
        Files.write(vault.resolve(Format.MANIFEST), oldManifest);
        CorruptStoreException e = assertRefusedUnchanged(vault, SMALL);
        assertTrue(e.getMessage().contains("older than the segments"), e.getMessage());
        assertTrue(e.getMessage().contains("segment-"), e.getMessage());
    }

    @Test
    void aRestoredOlderManifestOfASingleSegmentStoreIsRefused() throws IOException {
        Path vault = dir.resolve("vault");
        Vaults.fillAndClose(vault, keyset(), LARGE, 50, "old");
        byte[] oldManifest = Files.readAllBytes(vault.resolve(Format.MANIFEST));
        Vaults.fillAndClose(vault, keyset(), LARGE, 200, "new");
        assertEquals(1, Vaults.segments(vault).size());
        Files.write(vault.resolve(Format.MANIFEST), oldManifest);
        CorruptStoreException e = assertRefusedUnchanged(vault, LARGE);
        assertTrue(e.getMessage().contains("checkpoints manifest generation"), e.getMessage());
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
    }

    @Test
    void anOlderCopyOfTheOnlySegmentIsRefused() throws IOException {
        Path vault = dir.resolve("vault");
        Vaults.fillAndClose(vault, keyset(), LARGE, 50, "old");
        Path segment = Vaults.segments(vault).get(0);
        byte[] old = Files.readAllBytes(segment);
        Vaults.fillAndClose(vault, keyset(), LARGE, 200, "new");
        Files.write(segment, old);
        CorruptStoreException e = assertRefusedUnchanged(vault, LARGE);
        assertTrue(e.getMessage().contains(segment.getFileName() + ", offset " + old.length), e.getMessage());
    }

    @Test
    void anOlderCopyOfASegmentThatWasSealedSinceIsRefused() throws IOException {
        Path vault = dir.resolve("vault");
        Vaults.fillAndClose(vault, keyset(), SMALL, 50, "old");
        Path newest = Vaults.newest(vault);
        byte[] old = Files.readAllBytes(newest);
        Vaults.fillAndClose(vault, keyset(), SMALL, 200, "new");
        Files.write(newest, old);
        CorruptStoreException e = assertRefusedUnchanged(vault, SMALL);
        assertTrue(e.getMessage().contains(newest.getFileName().toString()), e.getMessage());
    }

    @Test
    void anOlderSegmentWithItsOlderManifestIsRefused() throws IOException {
        Path vault = dir.resolve("vault");
        Vaults.fillAndClose(vault, keyset(), SMALL, 50, "old");
        Path newest = Vaults.newest(vault);
        byte[] oldSegment = Files.readAllBytes(newest);
        byte[] oldManifest = Files.readAllBytes(vault.resolve(Format.MANIFEST));
        Vaults.fillAndClose(vault, keyset(), SMALL, 200, "new");
        Files.write(newest, oldSegment);
        Files.write(vault.resolve(Format.MANIFEST), oldManifest);
        CorruptStoreException e = assertRefusedUnchanged(vault, SMALL);
        assertTrue(e.getMessage().contains("not listed in MANIFEST"), e.getMessage());
    }

    @Test
    void aForeignSegmentDroppedIntoTheDirectoryIsRefused() throws IOException {
        Path vault = dir.resolve("vault");
        Path other = dir.resolve("other");
        Vaults.fillAndClose(vault, keyset(), SMALL, 30, "mine");
        Vaults.fillAndClose(other, keyset(), SMALL, 30, "theirs");
        long next = Format.segmentIdOf(Vaults.newest(vault).getFileName().toString()) + 1;
        Files.copy(Vaults.segments(other).get(0), vault.resolve(Format.segmentFileName(next)));
        CorruptStoreException e = assertRefusedUnchanged(vault, SMALL);
        assertTrue(e.getMessage().contains(Format.segmentFileName(next)), e.getMessage());
        assertTrue(e.getMessage().contains("another store"), e.getMessage());
    }

    @Test
    void aSegmentUnderANonCanonicalNameIsRefused() throws IOException {
        Path vault = dir.resolve("vault");
        Vaults.fillAndClose(vault, keyset(), LARGE, 10, "alias");
        for (String alias : List.of("segment-1.seg", "segment-+00000000001.seg", "segment-000000000001.seg.bak")) {
            Path p = vault.resolve(alias);
            Files.copy(Vaults.segments(vault).get(0), p);
            CorruptStoreException e = assertRefusedUnchanged(vault, LARGE);
            assertTrue(e.getMessage().contains(alias), e.getMessage());
            Files.delete(p);
        }
    }

    @Test
    void oneDamagedRecordInACrashedStoreIsRefusedNotTruncated() throws IOException {
        Path vault = dir.resolve("vault");
        Path image = dir.resolve("image");
        try (Store store = Vaults.open(vault, keyset(), LARGE)) {
            Vaults.fill(store, 100, "crash");
            Vaults.copyDirectory(vault, image);
        }
        Path segment = Vaults.segments(image).get(0);
        int record10 = Vaults.frameOffsets(Files.readAllBytes(segment)).get(10);
        flipBit(segment, record10 + 60);
        CorruptStoreException e = assertRefusedUnchanged(image, LARGE);
        assertTrue(e.getMessage().contains("offset " + record10), e.getMessage());
    }

    @Test
    void damageAtEveryRecordOfTheNewestSegmentOfACrashedStoreIsRefusedUnlessItIsTheLast() throws IOException {
        Path vault = dir.resolve("vault");
        Path image = dir.resolve("image");
        String beforeLast;
        try (Store store = Vaults.open(vault, keyset(), LARGE)) {
            Vaults.fill(store, EncryptedFileStore.HWM_EVERY_COMMITS + 8, "crash");
            beforeLast = Vaults.dump(store);
            Vaults.fill(store, 1, "last");
            Vaults.copyDirectory(vault, image);
        }
        Path segment = Vaults.segments(image).get(0);
        List<Integer> frames = Vaults.frameOffsets(Files.readAllBytes(segment));
        for (int i = 0; i < frames.size(); i++) {
            Path work = dir.resolve("work-" + i);
            Vaults.copyDirectory(image, work);
            Path victim = work.resolve(segment.getFileName());
            flipBit(victim, frames.get(i) + 30);
            if (i < frames.size() - 1) {
                CorruptStoreException e = assertRefusedUnchanged(work, LARGE);
                assertTrue(e.getMessage().contains("offset " + frames.get(i)), "record " + i + ": " + e.getMessage());
            } else {
                try (Store store = Vaults.open(work, keyset(), LARGE)) {
                    assertEquals(beforeLast, Vaults.dump(store), "the torn last record alone is cut");
                    List<String> repaired = ((EncryptedFileStore) store).repairedOnOpen;
                    assertTrue(repaired.toString().contains("torn final write"), repaired.toString());
                    assertTrue(repaired.toString().contains("offset " + frames.get(i)), repaired.toString());
                }
                assertEquals(frames.get(i).longValue(), Files.size(victim));
            }
        }
    }


    private CorruptStoreException assertRefusedUnchanged(Path vault, long segmentBytes) {
        TreeMap<String, String> before = Vaults.fingerprint(vault);
        before.remove(Format.LOCK);
        CorruptStoreException e = assertThrows(CorruptStoreException.class,
                () -> Vaults.open(vault, keyset(), segmentBytes).close());
        TreeMap<String, String> after = Vaults.fingerprint(vault);
        after.remove(Format.LOCK);
        assertEquals(before, after, "a refused open changes nothing: " + e.getMessage());
        assertFalse(e.getMessage().isBlank());
        return e;
    }


    static void flipBit(Path file, long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) offset] ^= 0x10;
        Files.write(file, bytes);
    }
}
