package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * For stores that declare {@code encrypted}, which promises that tampering is detected: a byte changed in any file
 * the store keeps under {@code dir} makes the reopened store refuse to open or fail a read with a
 * {@link StoreException}; it never reads back altered data. A change the store does not depend on (a lock file, an
 * unused byte) may go unnoticed as long as every read still returns what was written.
 */
abstract class TamperTests extends TckGroup {
    /** Offsets tried per file, spread from the first byte to the last; the total is capped by {@link #MAX_FLIPS}. */
    private static final int FLIPS_PER_FILE = 5;
    private static final int MAX_FLIPS = 40;

    @BeforeEach
    void requireEncrypted() {
        assumeTrue(store().descriptor().encrypted(),
                "the store declares encrypted=false: it does not promise to detect tampering with its files");
    }

    @Test
    @DisplayName("a byte changed in any of the store's files is refused or reported on reopen, never read back")
    void changedByteIsDetectedNeverReadBack() {
        Population.populate(store());
        Population.changeEverything(store());
        StoreState written = state();
        store().close();
        Map<Path, byte[]> pristine = snapshotFiles();
        int flips = 0;
        int detected = 0;
        for (Map.Entry<Path, byte[]> file : pristine.entrySet()) {
            int length = file.getValue().length;
            for (int offset : offsets(length)) {
                if (flips == MAX_FLIPS) {
                    break;
                }
                String where = "byte " + offset + " of " + dir.relativize(file.getKey()) + " (" + length + " bytes)";
                byte[] changed = file.getValue().clone();
                changed[offset] ^= (byte) 0x5a;
                write(file.getKey(), changed);
                flips++;
                if (reopenDetects(written, where)) {
                    detected++;
                }
                restore(pristine);
            }
        }
        assertTrue(flips == 0 || detected > 0, "none of " + flips + " changed bytes in " + pristine.keySet()
                + " was detected, yet the store read back what it wrote: does it keep its data in these files?");
    }

    /** Up to {@link #FLIPS_PER_FILE} distinct offsets spread over a file of {@code length} bytes, first and last included. */
    private static Set<Integer> offsets(int length) {
        Set<Integer> offsets = new TreeSet<>();
        for (int i = 0; i < FLIPS_PER_FILE && length > 0; i++) {
            offsets.add((int) ((long) (length - 1) * i / (FLIPS_PER_FILE - 1)));
        }
        return offsets;
    }

    /** True if opening or reading fails as it must; fails the test if the store read back anything but written. */
    private boolean reopenDetects(StoreState written, String where) {
        StoreState read;
        try (Store reopened = tck().openStore(dir)) {
            read = StoreState.of(reopened);
        } catch (StoreException refused) {
            assertFalse(refused.getMessage() == null || refused.getMessage().isBlank(),
                    where + " changed: the store refused it with an exception that says nothing: " + refused);
            return true;
        } catch (RuntimeException wrongKind) {
            throw new AssertionError(where + " changed: the store failed with " + wrongKind
                    + ", which is not a StoreException (CorruptStoreException names the damage)", wrongKind);
        }
        if (!read.equals(written)) {
            fail(where + " changed, and the reopened store read back altered data instead of refusing it: "
                    + "expected " + written + " but read " + read);
        }
        return false;
    }

    private Map<Path, byte[]> snapshotFiles() {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.sorted().toList()) {
                if (Files.isRegularFile(f)) {
                    files.put(f, Files.readAllBytes(f));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Puts every file back as it was and removes files the last open created (a lock, a recovery log). */
    private void restore(Map<Path, byte[]> pristine) {
        List<Path> extra = new ArrayList<>(snapshotFiles().keySet());
        extra.removeAll(pristine.keySet());
        try {
            for (Path p : extra) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pristine.forEach(TamperTests::write);
        assertEquals(pristine.keySet(), snapshotFiles().keySet(), "files after restoring the store's directory");
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
