package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.CorruptStoreException;
import dev.steadfast.spi.IncompatibleFormatException;
import dev.steadfast.spi.StoreConfigurationException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The checks and replay of one open, segment by segment, oldest first. Pure: it reads files and builds an index,
 * and decides the one thing open may cut, a torn final write, without cutting it.
 *
 * <p>Damage is a torn write only when all of these hold: it is in the newest segment, after the manifest's
 * high-water mark, the segment is not sealed, and no frame after it in that segment is whole, passes its CRC and
 * authenticates. A crash can leave an incomplete or garbled tail, but never a valid record after it (records are
 * appended in order and a group is acknowledged only after its fsync); anything else is damage or tampering and is
 * refused.
 */
final class Scan {
    final Manifest manifest;
    final RecordCipher cipher;
    final ChainHash chainHash = new ChainHash();
    final StoreIndex index = new StoreIndex();
    long sequence;
    byte[] chain;
    boolean hwmReached;
    long tornAt = -1;
    String tornReason;
    long activeEnd;
    long activeFirstSequence;
    long activeBatchRecords;
    boolean activeSealed;
    String activeName;
    long lastCheckpoint;

    Scan(Manifest manifest, RecordCipher cipher) {
        this.manifest = manifest;
        this.cipher = cipher;
        this.sequence = manifest.baseSequence();
        this.chain = manifest.baseChain();
        checkHighWaterMark();
    }

    void segment(Manifest.SegmentRef ref, FrameScanner file, boolean active) throws IOException {
        String name = file.name;
        SegmentHeader header = file.header();
        if (!Format.readable(header.version())) {
            throw new IncompatibleFormatException("segment " + name + " has format version " + header.version()
                    + ", this code reads versions " + Format.OLDEST_READABLE + " to " + Format.VERSION);
        }
        if (!Arrays.equals(header.storeId(), manifest.storeId()) || header.segmentId() != ref.id()
                || !Arrays.equals(header.epoch(), ref.epoch())) {
            throw new CorruptStoreException("segment " + name + " is not the segment the manifest lists"
                    + " (store id, segment id or epoch differ at offset 0): replaced or copied from elsewhere");
        }
        long first = sequence + 1;
        long batches = 0;
        boolean sealed = false;
        long offset = Format.SEGMENT_HEADER_BYTES;
        while (offset < file.size) {
            Object decoded = file.frameAt(offset);
            if (decoded instanceof Framing.Damage d) {
                requireTorn(ref, header.version(), file, offset, d, active, sealed, first);
                tornAt = offset;
                tornReason = d.reason();
                break;
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
                plaintext = cipher.open(ct, AssociatedData.forFrame(header.version(), manifest.storeId(), ref, f));
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
            } else if (f.type() == Format.TYPE_CHECKPOINT) {
                checkpoint(where, plaintext);
            } else {
                throw new CorruptStoreException(where + " has unknown record type " + f.type());
            }
            offset = f.nextOffset();
        }
        if (!active && !sealed) {
            throw new CorruptStoreException("segment " + name + " is not the newest but has no seal record:"
                    + " truncated at offset " + file.size);
        }
        if (active) {
            activeName = name;
            activeEnd = tornAt >= 0 ? tornAt : file.size;
            activeFirstSequence = first;
            activeBatchRecords = batches;
            activeSealed = sealed;
        }
    }

    /** Returns when the damage at {@code offset} is a torn final write; refuses the open when it is anything else. */
    private void requireTorn(Manifest.SegmentRef ref, int version, FrameScanner file, long offset, Framing.Damage d,
                           boolean active, boolean sealed, long first) throws IOException {
        String damaged = "segment " + file.name + " is damaged at offset " + offset + " (" + d.reason() + ")";
        if (!active) {
            throw new CorruptStoreException(damaged + "; it is not the newest segment, so this is not a torn write;"
                    + " nothing was changed");
        }
        if (!hwmReached) {
            throw new CorruptStoreException(damaged + " before the manifest's high-water mark, record "
                    + manifest.hwmSequence() + ", so it is not a torn write; nothing was changed");
        }
        if (sealed) {
            throw new CorruptStoreException(damaged + " after the segment's seal record: appended later; nothing"
                    + " was changed");
        }
        long valid = file.nextAuthentic(offset + 1, first, f -> authentic(ref, version, f));
        if (valid >= 0) {
            throw new CorruptStoreException(damaged + " but an intact, authentic record follows at offset " + valid
                    + ", so it is not a torn write: a damaged acknowledged record; nothing was changed (steadfast"
                    + " repair can quarantine it)");
        }
    }

    private boolean authentic(Manifest.SegmentRef ref, int version, Framing.Frame f) {
        try {
            cipher.open(f.ciphertext(), AssociatedData.forFrame(version, manifest.storeId(), ref, f));
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private void checkpoint(String where, byte[] plaintext) {
        if (plaintext.length != 8) {
            throw new CorruptStoreException(where + " is a checkpoint of " + plaintext.length + " bytes, expected 8");
        }
        long generation = ByteBuffer.wrap(plaintext).getLong();
        if (generation > manifest.generation()) {
            throw new CorruptStoreException(where + " checkpoints manifest generation " + generation + ", but "
                    + Format.MANIFEST + " is generation " + manifest.generation() + ": the manifest is older than the"
                    + " segments (restored from an older copy?); nothing was changed");
        }
        lastCheckpoint = Math.max(lastCheckpoint, generation);
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
            throw new CorruptStoreException("the segments end at record " + sequence + " (segment " + activeName
                    + ", offset " + activeEnd + ") but the manifest's high-water mark is record "
                    + manifest.hwmSequence() + ": the newest records were removed (segment deleted or truncated);"
                    + " nothing was changed");
        }
    }
}
