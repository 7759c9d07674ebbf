package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.CorruptStoreException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What repair keeps: the longest gap-free run of authentic records that starts where the manifest's first live
 * segment starts, followed segment by segment through the files themselves (not the manifest's list, which may be
 * stale). It stops at the first record that is damaged, does not continue the hash chain, or fails authentication,
 * and at the first segment that is missing, unsealed or not of this store. Records after a gap are never kept:
 * replaying them would leave journals with holes and fences and records that skip a change, which no write could
 * have produced. Reads only.
 */
final class RepairWalk {
    /** A kept segment: its file, its epoch (from its header) and where the kept records end. */
    record Kept(long id, byte[] epoch, Path path, long end, long size, boolean sealed) {
        boolean cut() {
            return end < size;
        }
    }

    final Manifest manifest;
    final StoreIndex index = new StoreIndex();
    final List<Kept> kept = new ArrayList<>();
    long sequence;
    byte[] chain;
    long maxCheckpoint;
    boolean hwmMatched;
    /** Why the walk stopped, naming file and offset; null when the files simply ended. */
    String stop;

    private final RecordCipher cipher;

    private RepairWalk(Manifest manifest, RecordCipher cipher) {
        this.manifest = manifest;
        this.cipher = cipher;
        this.sequence = manifest.baseSequence();
        this.chain = manifest.baseChain();
        this.hwmMatched = sequence == manifest.hwmSequence() && Arrays.equals(chain, manifest.hwmChain());
    }

    /** Walks {@code files} (segment files by id) from the manifest's first live segment on. */
    static RepairWalk walk(Manifest manifest, RecordCipher cipher, Map<Long, Path> files) throws IOException {
        RepairWalk w = new RepairWalk(manifest, cipher);
        for (long id = manifest.segments().get(0).id(); ; id++) {
            Path path = files.get(id);
            if (path == null) {
                break;
            }
            if (!w.segment(id, path)) {
                break;
            }
        }
        if (w.kept.isEmpty()) {
            throw new CorruptStoreException("cannot repair: the first live segment " + Format.segmentFileName(
                    manifest.segments().get(0).id()) + " is missing or unreadable (" + w.stop + "), so no record"
                    + " of the store can be kept; nothing was changed");
        }
        return w;
    }

    /** Scans one segment; returns whether the walk goes on to the next one. */
    private boolean segment(long id, Path path) throws IOException {
        String name = path.getFileName().toString();
        try (FrameScanner file = new FrameScanner(path)) {
            SegmentHeader header = file.header();
            if (!Arrays.equals(header.storeId(), manifest.storeId()) || header.segmentId() != id
                    || !Format.readable(header.version())) {
                stop = "segment " + name + " has a header at offset 0 of another store, segment or version";
                return false;
            }
            long first = sequence + 1;
            long batches = 0;
            boolean sealed = false;
            long offset = Format.SEGMENT_HEADER_BYTES;
            while (offset < file.size && stop == null) {
                String where = "record at offset " + offset + " of segment " + name;
                if (sealed) {
                    stop = where + " follows the segment's seal record";
                    break;
                }
                Object decoded = file.frameAt(offset);
                if (!(decoded instanceof Framing.Frame f)) {
                    stop = "segment " + name + " is damaged at offset " + offset + " ("
                            + ((Framing.Damage) decoded).reason() + ")";
                    break;
                }
                if (f.sequence() != sequence + 1 || !Arrays.equals(f.previousChain(), chain)) {
                    stop = where + " (sequence " + f.sequence() + ") does not continue the hash chain after record "
                            + sequence;
                    break;
                }
                byte[] ct = f.ciphertext();
                byte[] plaintext;
                try {
                    plaintext = cipher.open(ct, AssociatedData.forRecord(header.version(), manifest.storeId(), id,
                            header.epoch(),
                            f.sequence(), f.type(), f.previousChain()));
                } catch (GeneralSecurityException e) {
                    stop = where + " failed authentication";
                    break;
                }
                try {
                    sealed = accept(f, plaintext, Location.of(id, offset), first, batches, where);
                } catch (CorruptStoreException e) {
                    stop = e.getMessage();
                    break;
                }
                if (f.type() == Format.TYPE_BATCH) {
                    batches++;
                }
                chain = new ChainHash().next(chain, f.sequence(), f.type(), ct, 0, ct.length);
                sequence = f.sequence();
                if (sequence == manifest.hwmSequence()) {
                    hwmMatched = Arrays.equals(chain, manifest.hwmChain());
                }
                offset = f.nextOffset();
            }
            kept.add(new Kept(id, header.epoch(), path, offset, file.size, sealed));
            if (stop == null && !sealed) {
                return false;
            }
            return stop == null;
        } catch (CorruptStoreException e) {
            stop = e.getMessage();
            return false;
        }
    }

    /** Replays one authentic record into the index; returns whether it is a seal. */
    private boolean accept(Framing.Frame f, byte[] plaintext, long location, long first, long batches,
                           String where) {
        if (f.type() == Format.TYPE_BATCH) {
            for (Change c : ChangeCodec.decode(plaintext, where)) {
                index.apply(c, location);
            }
            return false;
        }
        if (f.type() == Format.TYPE_CHECKPOINT && plaintext.length == 8) {
            maxCheckpoint = Math.max(maxCheckpoint, ByteBuffer.wrap(plaintext).getLong());
            return false;
        }
        ByteBuffer seal = ByteBuffer.wrap(plaintext);
        if (f.type() == Format.TYPE_SEAL && plaintext.length == 16 && seal.getLong() == first
                && seal.getLong() == batches) {
            return true;
        }
        throw new CorruptStoreException(where + " is an invalid record of type " + f.type());
    }

    /** The last kept segment: where the kept records end. */
    Kept last() {
        return kept.get(kept.size() - 1);
    }

    /** Whether the manifest already describes exactly what is kept, so that open would accept the files as they are. */
    boolean manifestMatches() {
        if (kept.size() != manifest.segments().size() || maxCheckpoint > manifest.generation() || !hwmMatched
                || sequence < manifest.hwmSequence()) {
            return false;
        }
        for (int i = 0; i < kept.size(); i++) {
            Manifest.SegmentRef ref = manifest.segments().get(i);
            if (ref.id() != kept.get(i).id() || !Arrays.equals(ref.epoch(), kept.get(i).epoch())) {
                return false;
            }
        }
        return true;
    }
}
