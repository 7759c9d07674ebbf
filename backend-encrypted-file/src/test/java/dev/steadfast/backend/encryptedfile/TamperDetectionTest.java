package dev.steadfast.backend.encryptedfile;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.steadfast.spi.CorruptStoreException;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Every change to a closed store's files is detected, by a refused open or a failed read, never wrong data. */
class TamperDetectionTest {
    private static final int FLIPS = Integer.getInteger("steadfast.tamper.flips", 220);

    @TempDir
    Path dir;
    private Path pristine;
    private Path keyset;
    private String expected;

    @BeforeEach
    void writePristineStore() {
        pristine = dir.resolve("pristine");
        keyset = dir.resolve("k.json");
        try (Store store = Vaults.open(pristine, keyset, 4096)) {
            Vaults.fill(store, 80, "tamper");
            expected = Vaults.dump(store);
        }
        assertTrue(Vaults.segments(pristine).size() >= 3, "the fixture spans several segments");
        List<Path> segments = Vaults.segments(pristine);
        if (size(segments.get(segments.size() - 1)) == Format.SEGMENT_HEADER_BYTES) {
            try (Store store = Vaults.open(pristine, keyset, 1 << 20)) {
                Vaults.fill(store, 1, "tamper-tail");
                expected = Vaults.dump(store);
            }
        }
    }

    @Test
    void everySingleBitFlipInSegmentsAndManifestIsDetected() throws IOException {
        List<Path> targets = new ArrayList<>(Vaults.segments(pristine));
        targets.add(pristine.resolve(Format.MANIFEST));
        long total = 0;
        for (Path p : targets) {
            total += size(p);
        }
        Random random = new Random(7);
        int manifestFlips = 0;
        for (int i = 0; i < FLIPS; i++) {
            Path work = dir.resolve("flip-" + i);
            Vaults.copyDirectory(pristine, work);
            // Every tenth flip goes to the manifest, the rest anywhere in the files weighted by size.
            long at = i % 10 == 0 ? -1 : (long) (random.nextDouble() * total);
            Path target = targets.get(targets.size() - 1);
            long offset;
            if (at < 0) {
                offset = random.nextInt((int) size(target));
                manifestFlips++;
            } else {
                int t = 0;
                while (at >= size(targets.get(t))) {
                    at -= size(targets.get(t));
                    t++;
                }
                target = targets.get(t);
                offset = at;
            }
            Path victim = work.resolve(target.getFileName());
            byte[] bytes = Files.readAllBytes(victim);
            bytes[(int) offset] ^= (byte) (1 << random.nextInt(8));
            Files.write(victim, bytes);
            String where = "bit flip at offset " + offset + " of " + target.getFileName();
            try (Store store = Vaults.open(work, keyset, 4096)) {
                String found = Vaults.dump(store);
                fail(where + " went unnoticed" + (found.equals(expected) ? "" : " and changed the data read"));
            } catch (StoreException detected) {
                assertTrue(detected.getMessage() != null && !detected.getMessage().isBlank(), where);
            }
            deleteDirectory(work);
        }
        assertTrue(manifestFlips >= 20);
    }

    @Test
    void swappingTwoRecordsIsDetectedNamingTheSegment() throws IOException {
        Path segment = Vaults.segments(pristine).get(0);
        byte[] bytes = Files.readAllBytes(segment);
        List<Integer> frames = Vaults.frameOffsets(bytes);
        int a = frames.get(0);
        int b = frames.get(1);
        int c = frames.get(2);
        byte[] swapped = bytes.clone();
        System.arraycopy(bytes, b, swapped, a, c - b);
        System.arraycopy(bytes, a, swapped, a + (c - b), b - a);
        Files.write(segment, swapped);
        CorruptStoreException e = assertThrows(CorruptStoreException.class, this::openAndRead);
        assertTrue(e.getMessage().contains(segment.getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("sequence"), e.getMessage());
    }

    @Test
    void aRecordSplicedInFromAnotherStoreFailsAuthentication() throws IOException {
        Path other = dir.resolve("other");
        try (Store store = Vaults.open(other, keyset, 4096)) {
            Vaults.fill(store, 10, "tamper");
        }
        Path ours = Vaults.segments(pristine).get(0);
        byte[] mine = Files.readAllBytes(ours);
        byte[] theirs = Files.readAllBytes(Vaults.segments(other).get(0));
        int myFrame = Vaults.frameOffsets(mine).get(1);
        int theirFrame = Vaults.frameOffsets(theirs).get(1);
        var original = (Framing.Frame) Framing.decode(mine, myFrame, mine.length);
        var foreign = (Framing.Frame) Framing.decode(theirs, theirFrame, theirs.length);
        // The forger copies our cleartext sequence and chain and fixes the CRC; only the AEAD can catch it.
        byte[] forged = Framing.encode(original.sequence(), foreign.type(), original.previousChain(),
                foreign.ciphertext());
        byte[] spliced = concat(Arrays.copyOfRange(mine, 0, myFrame), forged,
                Arrays.copyOfRange(mine, (int) original.nextOffset(), mine.length));
        Files.write(ours, spliced);
        CorruptStoreException e = assertThrows(CorruptStoreException.class, this::openAndRead);
        assertTrue(e.getMessage().contains("failed authentication"), e.getMessage());
        assertTrue(e.getMessage().contains("offset " + myFrame + " of segment " + ours.getFileName()), e.getMessage());
    }

    @Test
    void deletingTheNewestSegmentIsDetected() throws IOException {
        List<Path> segments = Vaults.segments(pristine);
        Path newest = segments.get(segments.size() - 1);
        Files.delete(newest);
        var before = Vaults.fingerprint(pristine);
        CorruptStoreException e = assertThrows(CorruptStoreException.class, this::openAndRead);
        assertTrue(e.getMessage().contains(newest.getFileName() + " listed in the manifest"), e.getMessage());
        before.remove(Format.LOCK);
        var after = Vaults.fingerprint(pristine);
        after.remove(Format.LOCK);
        assertEquals(before, after, "a refused open changes nothing");
    }

    @Test
    void truncatingAtARecordBoundaryIsDetectedByTheHighWaterMark() throws IOException {
        List<Path> segments = Vaults.segments(pristine);
        Path newest = segments.get(segments.size() - 1);
        byte[] bytes = Files.readAllBytes(newest);
        List<Integer> frames = Vaults.frameOffsets(bytes);
        Files.write(newest, Arrays.copyOf(bytes, frames.get(frames.size() - 1)));
        CorruptStoreException e = assertThrows(CorruptStoreException.class, this::openAndRead);
        assertTrue(e.getMessage().contains("high-water mark"), e.getMessage());
    }

    @Test
    void truncatingASealedSegmentIsDetected() throws IOException {
        Path sealed = Vaults.segments(pristine).get(0);
        byte[] bytes = Files.readAllBytes(sealed);
        List<Integer> frames = Vaults.frameOffsets(bytes);
        Files.write(sealed, Arrays.copyOf(bytes, frames.get(frames.size() - 1)));
        CorruptStoreException e = assertThrows(CorruptStoreException.class, this::openAndRead);
        assertTrue(e.getMessage().contains("no seal record"), e.getMessage());
    }

    @Test
    void replacingTheKeysetIsRefusedNamingTheMissingKeyAndChangesNothing() throws Exception {
        Files.delete(keyset);
        KeysetFiles.write(keyset, KeysetHandle.generateNew(PredefinedAeadParameters.XAES_256_GCM_192_BIT_NONCE),
                null, true);
        var before = Vaults.fingerprint(pristine);
        StoreConfigurationException e = assertThrows(StoreConfigurationException.class, this::openAndRead);
        assertTrue(e.getMessage().contains("manifest") && e.getMessage().contains("does not hold"), e.getMessage());
        assertEquals(before, Vaults.fingerprint(pristine));
    }

    @Test
    void aMissingKeysetIsAConfigurationError() throws IOException {
        Files.delete(keyset);
        var e = assertThrows(StoreConfigurationException.class, () -> new EncryptedFileStoreProvider().open(
                dev.steadfast.spi.StoreSpec.parse("encrypted-file:" + pristine + "?keyset=" + keyset)));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        var again = assertThrows(StoreConfigurationException.class, () -> Vaults.open(pristine, keyset, 4096));
        assertTrue(again.getMessage().contains("refusing to create a new keyset"), again.getMessage());
    }

    @Test
    void anUntouchedCopyOpensWithTheSameState() throws IOException {
        Path copy = dir.resolve("copy");
        Vaults.copyDirectory(pristine, copy);
        try (Store store = Vaults.open(copy, keyset, 4096)) {
            assertEquals(expected, Vaults.dump(store));
        }
    }

    private void openAndRead() {
        try (Store store = Vaults.open(pristine, keyset, 4096)) {
            Vaults.dump(store);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static void deleteDirectory(Path d) throws IOException {
        for (Path p : Vaults.files(d)) {
            Files.delete(p);
        }
        Files.delete(d);
    }
}
