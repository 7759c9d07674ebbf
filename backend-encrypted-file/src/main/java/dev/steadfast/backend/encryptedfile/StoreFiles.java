package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.CorruptStoreException;
import dev.steadfast.spi.StoreIOException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The files of a store directory, sorted by name into what open knows: segments, pending segments (created but
 * not yet published, see {@link Format#PENDING_PREFIX}) and manifest temp files. A file named like a segment in any
 * other than the canonical form is refused: an alias would let open check one file while reads use another.
 */
final class StoreFiles {
    final Path dir;
    final TreeMap<Long, Path> segments = new TreeMap<>();
    final TreeMap<Long, Path> pending = new TreeMap<>();
    final List<Path> manifestTemps = new ArrayList<>();

    private StoreFiles(Path dir) {
        this.dir = dir;
    }

    static StoreFiles list(Path dir) throws IOException {
        StoreFiles files = new StoreFiles(dir);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                long segment = Format.segmentIdOf(name);
                long pending = Format.pendingIdOf(name);
                if (segment >= 0) {
                    files.segments.put(segment, p);
                } else if (pending >= 0) {
                    files.pending.put(pending, p);
                } else if (name.startsWith(Format.SEGMENT_PREFIX) || name.startsWith(Format.PENDING_PREFIX)) {
                    throw new CorruptStoreException("file " + p + " is named like a segment but not in the canonical"
                            + " form (" + Format.segmentFileName(1) + "): an alias or a foreign file; open refuses"
                            + " rather than guess which file is the segment, and changed nothing");
                } else if (ManifestFile.isTemp(name)) {
                    files.manifestTemps.add(p);
                }
            }
        }
        return files;
    }

    /**
     * The file of live segment {@code id}: its segment name, or its pending name when a crash came between the
     * manifest that lists it and its rename.
     */
    Path live(long id) {
        Path segment = segments.get(id);
        Path pend = pending.get(id);
        if (segment != null && pend != null) {
            throw new CorruptStoreException("store " + dir + " holds both " + segment.getFileName() + " and "
                    + pend.getFileName() + "; a rename never leaves both, so one was copied in");
        }
        if (segment == null && pend == null) {
            throw new CorruptStoreException("segment " + Format.segmentFileName(id) + " listed in the manifest of "
                    + dir + " is missing: deleted or moved");
        }
        return segment != null ? segment : pend;
    }

    /** The bytes of every regular file in {@code dir}: segments (retired ones not yet deleted included) and manifest. */
    static long totalBytes(Path dir) {
        long total = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path f : entries) {
                if (Files.isRegularFile(f)) {
                    total += Files.size(f);
                }
            }
        } catch (IOException e) {
            throw new StoreIOException("cannot measure store " + dir + ": " + e.getMessage(), e);
        }
        return total;
    }
}
