package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.CorruptStoreException;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreIOException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Opens a store directory: checks every file against the manifest, authenticates and replays every record into a
 * fresh index, and only when all of that holds changes the directory, and then only in ways that are safe by
 * construction: it cuts a provably torn final write (see {@link Scan}), finishes the rename of a segment a durable
 * manifest lists under its pending name, and deletes manifest temp files, pending segments no manifest lists, and
 * segments the manifest lists as retired by a compaction. Any other file it does not expect, or any damage, refuses
 * the open with a {@link CorruptStoreException}, and a refused open leaves the directory byte for byte as it was.
 */
final class Recovery {
    private static final System.Logger LOG = System.getLogger(Recovery.class.getName());

    /**
     * What open found: the state, the open segments, the writer positioned at the active segment's end, and what
     * open changed on disk (empty when nothing).
     */
    record Opened(Manifest manifest, StoreIndex index, TreeMap<Long, Segment> segments, SegmentWriter writer,
                  List<String> repaired, boolean readOnly) {
    }

    private final Path dir;
    private final RecordCipher cipher;
    private final boolean readOnly;

    /** With {@code readOnly}, open checks everything as usual but changes nothing on disk, ever. */
    Recovery(Path dir, RecordCipher cipher, boolean readOnly) {
        this.dir = dir;
        this.cipher = cipher;
        this.readOnly = readOnly;
    }

    Opened open() {
        try {
            StoreFiles files = StoreFiles.list(dir);
            if (!Files.exists(dir.resolve(Format.MANIFEST))) {
                if (readOnly) {
                    throw new StoreConfigurationException("store " + dir + " has no " + Format.MANIFEST + ": a"
                            + " read-only open never creates a store");
                }
                return create(files);
            }
            ManifestFile.Read read = ManifestFile.readVersioned(dir, cipher);
            Manifest manifest = read.manifest();
            List<Path> retired = unlisted(manifest, files);
            Scan scan = new Scan(manifest, cipher);
            List<Path> paths = new ArrayList<>();
            for (int i = 0; i < manifest.segments().size(); i++) {
                Manifest.SegmentRef ref = manifest.segments().get(i);
                Path path = files.live(ref.id());
                paths.add(path);
                try (FrameScanner file = new FrameScanner(path)) {
                    scan.segment(ref, file, i == manifest.segments().size() - 1);
                }
            }
            scan.requireHighWaterMark();
            if (readOnly) {
                return openUnchanged(manifest, scan, files);
            }
            Opened opened = repairAndOpen(manifest, scan, files, paths.get(paths.size() - 1), retired);
            return read.version() < Format.VERSION ? VersionMigration.migrate(dir, cipher, opened, scan) : opened;
        } catch (IOException e) {
            throw new StoreIOException("cannot open encrypted-file store " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks every segment file the manifest does not list as live: a retired one (its header matching the
     * manifest's retired entry) may be deleted and is returned; any other refuses the open, whatever it holds.
     */
    private List<Path> unlisted(Manifest manifest, StoreFiles files) throws IOException {
        List<Path> retired = new ArrayList<>();
        long newest = manifest.active().id();
        for (var e : files.segments.entrySet()) {
            if (manifest.lists(e.getKey())) {
                continue;
            }
            SegmentHeader header;
            try (FrameScanner file = new FrameScanner(e.getValue())) {
                header = file.header();
            }
            boolean ours = Arrays.equals(header.storeId(), manifest.storeId()) && header.segmentId() == e.getKey();
            if (ours && manifest.retired().stream().anyMatch(r -> r.id() == e.getKey()
                    && Arrays.equals(r.epoch(), header.epoch()))) {
                retired.add(e.getValue());
                continue;
            }
            String what = !ours ? "is from another store or was renamed (its header at offset 0 names store "
                    + Format.hex(header.storeId()) + ", segment " + header.segmentId() + ")"
                    : e.getKey() > newest ? "is newer than the manifest's newest segment "
                    + Format.segmentFileName(newest) + ": " + Format.MANIFEST + " (generation "
                    + manifest.generation() + ") is older than the segments (restored from an older copy?)"
                    : "is an older segment of this store the manifest no longer lists (restored from a copy?)";
            throw new CorruptStoreException("segment " + e.getValue().getFileName() + " is not listed in "
                    + Format.MANIFEST + " of " + dir + " and " + what + "; open refuses rather than delete or ignore"
                    + " it, and changed nothing (steadfast repair can quarantine it)");
        }
        return retired;
    }

    private Opened repairAndOpen(Manifest manifest, Scan scan, StoreFiles files, Path activePath, List<Path> retired)
            throws IOException {
        List<String> repaired = new ArrayList<>();
        if (scan.tornAt >= 0) {
            long size = Files.size(activePath);
            try (FileChannel ch = FileChannel.open(activePath, StandardOpenOption.WRITE)) {
                ch.truncate(scan.tornAt);
                ch.force(true);
            }
            repaired.add("cut a torn final write of " + (size - scan.tornAt) + " bytes at offset " + scan.tornAt
                    + " of segment " + activePath.getFileName() + " (" + scan.tornReason + "); every record up to"
                    + " sequence " + scan.sequence + " is kept");
        }
        for (var e : files.pending.entrySet()) {
            if (manifest.lists(e.getKey())) {
                Files.move(e.getValue(), dir.resolve(Format.segmentFileName(e.getKey())),
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                repaired.add("finished publishing " + Format.segmentFileName(e.getKey()));
            } else {
                Files.delete(e.getValue());
                repaired.add("deleted " + e.getValue().getFileName() + ", a segment no manifest ever listed");
            }
        }
        for (Path p : retired) {
            Files.delete(p);
            repaired.add("deleted " + p.getFileName() + ", retired by a compaction");
        }
        for (Path p : files.manifestTemps) {
            Files.delete(p);
        }
        if (!repaired.isEmpty() || !files.manifestTemps.isEmpty()) {
            Durable.syncDirectory(dir);
        }
        repaired.forEach(r -> LOG.log(System.Logger.Level.WARNING, "encrypted-file store " + dir + ": open " + r));
        TreeMap<Long, Segment> segments = openSegments(manifest);
        Manifest.SegmentRef active = manifest.active();
        SegmentWriter writer = new SegmentWriter(segments.get(active.id()), manifest.storeId(), cipher,
                scan.activeEnd, scan.sequence, scan.chain, scan.activeFirstSequence, scan.activeBatchRecords,
                scan.activeSealed);
        if (scan.lastCheckpoint < manifest.generation()) {
            writer.checkpointAfter(manifest.generation());
        }
        return new Opened(manifest, scan.index, segments, writer, List.copyOf(repaired), false);
    }

    /** A read-only open: the segments as they are; a torn tail is left on disk and simply not read. */
    private Opened openUnchanged(Manifest manifest, Scan scan, StoreFiles files) throws IOException {
        for (Manifest.SegmentRef ref : manifest.segments()) {
            if (!files.segments.containsKey(ref.id())) {
                throw new StoreIOException("segment " + Format.segmentFileName(ref.id()) + " of " + dir + " still has"
                        + " its pending name after a crash; open the store read-write once to finish its rename");
            }
        }
        TreeMap<Long, Segment> segments = openSegments(manifest);
        SegmentWriter writer = new SegmentWriter(segments.get(manifest.active().id()), manifest.storeId(), cipher,
                scan.activeEnd, scan.sequence, scan.chain, scan.activeFirstSequence, scan.activeBatchRecords,
                scan.activeSealed);
        return new Opened(manifest, scan.index, segments, writer, List.of(), true);
    }

    private TreeMap<Long, Segment> openSegments(Manifest manifest) throws IOException {
        TreeMap<Long, Segment> segments = new TreeMap<>();
        try {
            for (Manifest.SegmentRef ref : manifest.segments()) {
                segments.put(ref.id(), Segment.open(dir, ref));
            }
        } catch (IOException e) {
            segments.values().forEach(Segment::close);
            throw e;
        }
        return segments;
    }

    private Opened create(StoreFiles files) throws IOException {
        if (!files.segments.isEmpty()) {
            throw new CorruptStoreException("store " + dir + " holds segment "
                    + files.segments.firstEntry().getValue().getFileName() + " but no " + Format.MANIFEST
                    + ": the manifest was deleted; nothing was changed");
        }
        // Pending files without any manifest are what a crash during creation leaves: never part of a store.
        for (Path p : files.pending.values()) {
            Files.delete(p);
        }
        for (Path p : files.manifestTemps) {
            Files.delete(p);
        }
        byte[] storeId = new byte[Format.STORE_ID_BYTES];
        new SecureRandom().nextBytes(storeId);
        byte[] genesis = new ChainHash().genesis(storeId);
        Segment first = Segment.create(dir, storeId, 1);
        try {
            Durable.syncDirectory(dir);
            Manifest manifest = new Manifest(storeId, 1, 0, genesis, List.of(first.ref()), 0, genesis, List.of());
            ManifestFile.write(dir, manifest, cipher);
            first.publish();
            Durable.syncDirectory(dir);
            TreeMap<Long, Segment> segments = new TreeMap<>();
            segments.put(first.id, first);
            SegmentWriter writer = SegmentWriter.fresh(first, storeId, cipher, 0, genesis);
            writer.checkpointAfter(manifest.generation());
            return new Opened(manifest, new StoreIndex(), segments, writer, List.of(), false);
        } catch (IOException | RuntimeException e) {
            first.close();
            throw e;
        }
    }
}
