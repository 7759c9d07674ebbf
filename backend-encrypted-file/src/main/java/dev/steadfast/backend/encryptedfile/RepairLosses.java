package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.CorruptStoreException;
import dev.steadfast.spi.RepairReport;
import dev.steadfast.spi.StreamId;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the store no longer holds once repair keeps only the {@link RepairWalk walked} records: every authentic
 * record past the kept end is decrypted and its changes listed; what cannot be read is said to be unknown, and
 * journal entries missing between the kept head and the first entry read are listed as lost with unread content.
 */
final class RepairLosses {
    private final RepairWalk walk;
    private final RecordCipher cipher;
    private final TreeMap<StreamId, TreeSet<Long>> readEntries = new TreeMap<>();
    final List<String> other = new ArrayList<>();
    final List<String> unknowns = new ArrayList<>();
    private long lastSequenceSeen;

    RepairLosses(RepairWalk walk, RecordCipher cipher) {
        this.walk = walk;
        this.cipher = cipher;
        this.lastSequenceSeen = walk.sequence;
    }

    /** Reads the records of {@code path} from {@code offset} on: the cut tail, or a segment past the kept ones. */
    void scan(Path path, long offset) throws IOException {
        String name = path.getFileName().toString();
        try (FrameScanner file = new FrameScanner(path)) {
            SegmentHeader header = file.header();
            if (!Arrays.equals(header.storeId(), walk.manifest.storeId())) {
                unknowns.add("segment " + name + " is from another store (id " + Format.hex(header.storeId())
                        + "): its records were not counted");
                return;
            }
            long at = Math.max(offset, Format.SEGMENT_HEADER_BYTES);
            while (at < file.size) {
                Object decoded = file.frameAt(at);
                byte[] plaintext = decoded instanceof Framing.Frame f ? open(header, f) : null;
                if (plaintext == null) {
                    long next = file.nextAuthentic(at + 1, lastSequenceSeen + 1,
                            g -> open(header, g) != null);
                    unknowns.add("segment " + name + ", bytes " + at + ".." + (next < 0 ? file.size : next)
                            + ": no record there can be read (damaged or not authentic); what it held cannot be"
                            + " known");
                    if (next < 0) {
                        return;
                    }
                    at = next;
                    continue;
                }
                Framing.Frame f = (Framing.Frame) decoded;
                if (f.sequence() > lastSequenceSeen + 1) {
                    unknowns.add("records " + (lastSequenceSeen + 1) + ".." + (f.sequence() - 1) + " (before offset "
                            + at + " of " + name + ") are in no readable file: what they held cannot be known");
                }
                lastSequenceSeen = Math.max(lastSequenceSeen, f.sequence());
                if (f.type() == Format.TYPE_BATCH) {
                    record(f.sequence(), plaintext, name);
                }
                at = f.nextOffset();
            }
        } catch (CorruptStoreException e) {
            unknowns.add(name + " cannot be read (" + e.getMessage() + "): what it held cannot be known");
        }
    }

    private byte[] open(SegmentHeader header, Framing.Frame f) {
        try {
            return cipher.open(f.ciphertext(), AssociatedData.forRecord(header.version(), walk.manifest.storeId(),
                    header.segmentId(),
                    header.epoch(), f.sequence(), f.type(), f.previousChain()));
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private void record(long recordSequence, byte[] plaintext, String file) {
        String in = " (record " + recordSequence + " in " + file + ")";
        List<Change> changes;
        try {
            changes = ChangeCodec.decode(plaintext, "record " + recordSequence + " of " + file);
        } catch (CorruptStoreException e) {
            unknowns.add("record " + recordSequence + " of " + file + " authenticates but does not decode");
            return;
        }
        for (Change c : changes) {
            if (c instanceof Change.Appended a) {
                TreeSet<Long> seqs = readEntries.computeIfAbsent(a.stream(), s -> new TreeSet<>());
                for (int i = 0; i < a.payloads().size(); i++) {
                    seqs.add(a.firstSequence() + i);
                }
            } else if (c instanceof Change.HeadRaised h) {
                other.add("head of stream '" + h.stream() + "' raised to " + h.head() + in);
            } else if (c instanceof Change.Truncated t) {
                other.add("truncation of stream '" + t.stream() + "' up to " + t.upTo() + in);
            } else if (c instanceof Change.SnapshotPut s) {
                other.add("snapshot '" + s.snapshot().key() + "' covering " + s.snapshot().coveredSequence() + in);
            } else if (c instanceof Change.SnapshotDeleted d) {
                other.add("removal of snapshot '" + d.key() + "'" + in);
            } else if (c instanceof Change.RecordPut r) {
                other.add("record " + r.namespace() + "/" + r.key() + " (" + r.value().length + " bytes)" + in);
            } else if (c instanceof Change.RecordRemoved r) {
                other.add("removal of record " + r.namespace() + "/" + r.key() + in);
            } else if (c instanceof Change.NamespaceDropped d) {
                other.add("drop of namespace " + d.namespace() + in);
            } else if (c instanceof Change.FenceSet f) {
                other.add("fence '" + f.fence().name() + "' set to epoch " + f.fence().epoch() + " for owner '"
                        + f.fence().owner() + "'" + in);
            }
        }
    }

    /**
     * The lost journal entries per stream as ranges: those read, and between the kept head and them, those that
     * must have been in records that could not be read.
     */
    List<RepairReport.LostEntries> entries() {
        List<RepairReport.LostEntries> out = new ArrayList<>();
        readEntries.forEach((stream, seqs) -> {
            long next = walk.index.head(stream) + 1;
            long runStart = -1;
            for (long s : seqs.tailSet(next)) {
                if (s > next) {
                    if (runStart >= 0) {
                        out.add(new RepairReport.LostEntries(stream, runStart, next - 1, true));
                    }
                    out.add(new RepairReport.LostEntries(stream, next, s - 1, false));
                    runStart = s;
                } else if (runStart < 0) {
                    runStart = s;
                }
                next = s + 1;
            }
            if (runStart >= 0) {
                out.add(new RepairReport.LostEntries(stream, runStart, next - 1, true));
            }
        });
        return out;
    }

    /** The unknowns, plus acknowledged records that are in no file at all. */
    List<String> unknowns() {
        List<String> out = new ArrayList<>(unknowns);
        long hwm = walk.manifest.hwmSequence();
        if (hwm > lastSequenceSeen) {
            out.add("records " + (lastSequenceSeen + 1) + ".." + hwm + " were acknowledged (the manifest's"
                    + " high-water mark is record " + hwm + ") but are in no file: what they held cannot be known");
        }
        if (!out.isEmpty()) {
            out.add("a record that could not be read may have changed streams, snapshots, records or fences not"
                    + " listed here; journal entries are listed as lost unread only where a later readable record"
                    + " shows the gap");
        }
        return out;
    }
}
