package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.CorruptStoreException;
import dev.steadfast.spi.IncompatibleFormatException;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreIOException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Opens a store directory: checks every live segment against the manifest, authenticates and replays every record
 * into a fresh index, and only when all of that holds repairs what a crash may leave (a torn tail of the active
 * segment, segment files that a roll or compaction created but never listed). Until then nothing is changed, so a
 * refused open leaves the directory as it was.
 */
final class Recovery {
    /** What open found: the state, the open segments and the writer positioned at the active segment's end. */
    record Opened(Manifest manifest, StoreIndex index, TreeMap<Long, Segment> segments, SegmentWriter writer) {
    }

    private final Path dir;
    private final RecordCipher cipher;

    Recovery(Path dir, RecordCipher cipher) {
        this.dir = dir;
        this.cipher = cipher;
    }

    Opened open() {
        try {
            TreeMap<Long, Path> onDisk = listSegments();
            if (!Files.exists(dir.resolve(Format.MANIFEST))) {
                return create(onDisk);
            }
            Manifest manifest = ManifestFile.read(dir, cipher);
            Scan scan = new Scan(manifest, cipher);
            for (int i = 0; i < manifest.segments().size(); i++) {
                Manifest.SegmentRef ref = manifest.segments().get(i);
                Path path = onDisk.get(ref.id());
                if (path == null) {
                    throw new CorruptStoreException("segment " + Format.segmentFileName(ref.id()) + " listed in the"
                            + " manifest of " + dir + " is missing: deleted or moved");
                }
                scan.segment(ref, path, Files.readAllBytes(path), i == manifest.segments().size() - 1);
            }
            scan.requireHighWaterMark();
            return repairAndOpen(manifest, scan, onDisk);
        } catch (IOException e) {
            throw new StoreIOException("cannot open encrypted-file store " + dir + ": " + e.getMessage(), e);
        }
    }

    private Opened repairAndOpen(Manifest manifest, Scan scan, TreeMap<Long, Path> onDisk) throws IOException {
        Manifest.SegmentRef active = manifest.active();
        if (scan.tornAt >= 0) {
            try (FileChannel ch = FileChannel.open(onDisk.get(active.id()), StandardOpenOption.WRITE)) {
                ch.truncate(scan.tornAt);
                ch.force(true);
            }
        }
        boolean removed = Files.deleteIfExists(dir.resolve(Format.MANIFEST_TEMP));
        for (var e : onDisk.entrySet()) {
            if (manifest.segments().stream().noneMatch(s -> s.id() == e.getKey())) {
                Files.delete(e.getValue());
                removed = true;
            }
        }
        if (removed) {
            Durable.syncDirectory(dir);
        }
        TreeMap<Long, Segment> segments = new TreeMap<>();
        try {
            for (Manifest.SegmentRef ref : manifest.segments()) {
                segments.put(ref.id(), Segment.open(dir, ref));
            }
        } catch (IOException e) {
            segments.values().forEach(Segment::close);
            throw e;
        }
        long end = scan.tornAt >= 0 ? scan.tornAt : scan.activeEnd;
        SegmentWriter writer = new SegmentWriter(segments.get(active.id()), manifest.storeId(), cipher, end,
                scan.sequence, scan.chain, scan.activeFirstSequence, scan.activeBatchRecords, scan.activeSealed);
        return new Opened(manifest, scan.index, segments, writer);
    }

    private Opened create(TreeMap<Long, Path> onDisk) throws IOException {
        for (Path p : onDisk.values()) {
            if (Files.size(p) > Format.SEGMENT_HEADER_BYTES) {
                throw new CorruptStoreException("store " + dir + " holds segment " + p.getFileName()
                        + " with records but no " + Format.MANIFEST + ": the manifest was deleted");
            }
        }
        for (Path p : onDisk.values()) {
            Files.delete(p);
        }
        byte[] storeId = new byte[Format.STORE_ID_BYTES];
        new SecureRandom().nextBytes(storeId);
        byte[] genesis = new ChainHash().genesis(storeId);
        Segment first = Segment.create(dir, storeId, 1);
        try {
            Durable.syncDirectory(dir);
            Manifest manifest = new Manifest(storeId, 1, 0, genesis, List.of(first.ref()), 0, genesis);
            ManifestFile.write(dir, manifest, cipher);
            TreeMap<Long, Segment> segments = new TreeMap<>();
            segments.put(first.id, first);
            return new Opened(manifest, new StoreIndex(), segments,
                    SegmentWriter.fresh(first, storeId, cipher, 0, genesis));
        } catch (IOException | RuntimeException e) {
            first.close();
            throw e;
        }
    }

    private TreeMap<Long, Path> listSegments() throws IOException {
        TreeMap<Long, Path> found = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                long id = Format.segmentIdOf(p.getFileName().toString());
                if (id >= 0) {
                    found.put(id, p);
                }
            }
        }
        return found;
    }

    /** The checks and replay of one open, segment by segment; pure until {@link #repairAndOpen}. */
    private static final class Scan {
        final Manifest manifest;
        final RecordCipher cipher;
        final ChainHash chainHash = new ChainHash();
        final StoreIndex index = new StoreIndex();
        long sequence;
        byte[] chain;
        boolean hwmReached;
        long tornAt = -1;
        long activeEnd;
        long activeFirstSequence;
        long activeBatchRecords;
        boolean activeSealed;

        Scan(Manifest manifest, RecordCipher cipher) {
            this.manifest = manifest;
            this.cipher = cipher;
            this.sequence = manifest.baseSequence();
            this.chain = manifest.baseChain();
            checkHighWaterMark();
        }

        void segment(Manifest.SegmentRef ref, Path path, byte[] bytes, boolean active) {
            String name = path.getFileName().toString();
            SegmentHeader header;
            try {
                header = SegmentHeader.parse(bytes);
            } catch (IllegalArgumentException e) {
                throw new CorruptStoreException("segment " + name + " has a damaged header: " + e.getMessage());
            }
            if (header.version() != Format.VERSION) {
                throw new IncompatibleFormatException("segment " + name + " has format version " + header.version()
                        + ", this code reads version " + Format.VERSION);
            }
            if (!Arrays.equals(header.storeId(), manifest.storeId()) || header.segmentId() != ref.id()
                    || !Arrays.equals(header.epoch(), ref.epoch())) {
                throw new CorruptStoreException("segment " + name + " is not the segment the manifest lists"
                        + " (store id, segment id or epoch differ): replaced or copied from elsewhere");
            }
            long first = sequence + 1;
            long batches = 0;
            boolean sealed = false;
            int offset = Format.SEGMENT_HEADER_BYTES;
            while (offset < bytes.length) {
                Object decoded = Framing.decode(bytes, offset, bytes.length);
                if (decoded instanceof Framing.Damage d) {
                    if (active && hwmReached && !sealed) {
                        tornAt = offset;
                        break;
                    }
                    throw new CorruptStoreException("segment " + name + " is damaged at offset " + offset + ": "
                            + d.reason() + (active ? " (before the manifest's high-water mark, record "
                            + manifest.hwmSequence() + ", so it is not a torn write)" : ""));
                }
                Framing.Frame f = (Framing.Frame) decoded;
                String where = "record at offset " + offset + " of segment " + name;
                if (sealed) {
                    throw new CorruptStoreException(where + " follows the segment's seal record: appended later");
                }
                if (f.sequence() != sequence + 1) {
                    throw new CorruptStoreException(where + " has sequence " + f.sequence() + ", expected "
                            + (sequence + 1) + ": records reordered, dropped or spliced in");
                }
                if (!Arrays.equals(f.previousChain(), chain)) {
                    throw new CorruptStoreException(where + " does not continue the hash chain: a record before it"
                            + " was removed, replaced or reordered");
                }
                byte[] ct = f.ciphertext();
                byte[] plaintext;
                try {
                    plaintext = cipher.open(ct, AssociatedData.forRecord(manifest.storeId(), ref.id(), ref.epoch(),
                            f.sequence(), f.type(), f.previousChain()));
                } catch (GeneralSecurityException e) {
                    if (cipher.lacksKeyFor(ct)) {
                        throw new StoreConfigurationException(cipher.missingKeyMessage(where, ct), e);
                    }
                    throw new CorruptStoreException(where + " failed authentication: tampered, or spliced in from"
                            + " another store or segment", e);
                }
                chain = chainHash.next(chain, f.sequence(), f.type(), ct, 0, ct.length);
                sequence = f.sequence();
                checkHighWaterMark();
                if (f.type() == Format.TYPE_BATCH) {
                    long location = Location.of(ref.id(), offset);
                    for (Change c : ChangeCodec.decode(plaintext, where)) {
                        index.apply(c, location);
                    }
                    batches++;
                } else if (f.type() == Format.TYPE_SEAL) {
                    ByteBuffer seal = ByteBuffer.wrap(plaintext);
                    if (plaintext.length != 16 || seal.getLong() != first || seal.getLong() != batches) {
                        throw new CorruptStoreException(where + " is a seal that does not match the segment's "
                                + batches + " records from sequence " + first);
                    }
                    sealed = true;
                } else {
                    throw new CorruptStoreException(where + " has unknown record type " + f.type());
                }
                offset = (int) f.nextOffset();
            }
            if (!active && !sealed) {
                throw new CorruptStoreException("segment " + name + " is not the newest but has no seal record:"
                        + " truncated at offset " + bytes.length);
            }
            if (active) {
                activeEnd = bytes.length;
                activeFirstSequence = first;
                activeBatchRecords = batches;
                activeSealed = sealed;
            }
        }

        private void checkHighWaterMark() {
            if (sequence == manifest.hwmSequence()) {
                if (!Arrays.equals(chain, manifest.hwmChain())) {
                    throw new CorruptStoreException("record " + sequence + " does not match the manifest's"
                            + " high-water mark: the records were replaced");
                }
                hwmReached = true;
            }
        }

        void requireHighWaterMark() {
            if (!hwmReached) {
                throw new CorruptStoreException("the segments end at record " + sequence + " but the manifest's"
                        + " high-water mark is record " + manifest.hwmSequence()
                        + ": the newest records were removed (segment deleted or truncated)");
            }
        }
    }
}
