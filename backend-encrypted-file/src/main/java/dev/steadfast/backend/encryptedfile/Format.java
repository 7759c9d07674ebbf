package dev.steadfast.backend.encryptedfile;

import java.nio.charset.StandardCharsets;

/** Constants of the on-disk format; changing any of them needs a new {@link #VERSION}. */
final class Format {
    /** The format version, bound into every record's associated data and every file header. */
    static final int VERSION = 2;
    /**
     * The oldest version still read. Version 1 had no pending names, checkpoints or retired list; its segments are
     * read (their records keep their version-1 associated data) and a read-write open rewrites only the manifest
     * in version 2, one atomic rename (see {@code Recovery}).
     */
    static final int OLDEST_READABLE = 1;

    static final byte[] SEGMENT_MAGIC = "SFEFSEG1".getBytes(StandardCharsets.US_ASCII);
    static final byte[] MANIFEST_MAGIC = "SFEFMAN1".getBytes(StandardCharsets.US_ASCII);

    static final String MANIFEST = "MANIFEST";
    /** Manifest temp files are {@code MANIFEST.<random hex>.tmp}, created exclusively; never authoritative. */
    static final String MANIFEST_TEMP_PREFIX = "MANIFEST.";
    static final String TEMP_SUFFIX = ".tmp";
    static final String LOCK = "LOCK";
    static final String SEGMENT_PREFIX = "segment-";
    /**
     * A segment is created under this prefix and renamed to its {@link #SEGMENT_PREFIX} name only once a durable
     * manifest lists it, so an unlisted pending file is by construction never part of the store.
     */
    static final String PENDING_PREFIX = "pending-";
    static final String SEGMENT_SUFFIX = ".seg";

    static final int STORE_ID_BYTES = 16;
    static final int EPOCH_BYTES = 16;
    static final int CHAIN_BYTES = 32;

    /** A record holding one write batch's changes. */
    static final byte TYPE_BATCH = 1;
    /** The last record of a sealed segment: its first sequence and record count. */
    static final byte TYPE_SEAL = 2;
    /**
     * Written as the first record after a manifest of generation G became durable, carrying G; a segment that holds
     * a checkpoint newer than the manifest proves the manifest was replaced by an older copy.
     */
    static final byte TYPE_CHECKPOINT = 3;

    /** Frame prefix: body length (4) and CRC32C (4). */
    static final int FRAME_PREFIX_BYTES = 8;
    /** Cleartext record header inside a frame body: sequence (8), type (1), previous chain hash (32). */
    static final int RECORD_HEADER_BYTES = 8 + 1 + CHAIN_BYTES;
    /** The largest frame body accepted; larger lengths are damage, not data. */
    static final int MAX_BODY_BYTES = 1 << 30;
    /** The smallest frame: prefix, record header and at least one byte of ciphertext. */
    static final int MIN_FRAME_BYTES = FRAME_PREFIX_BYTES + RECORD_HEADER_BYTES + 1;
    /** Offsets are packed in 32 bits ({@link Location}) and scanned as ints; no segment is ever written larger. */
    static final long MAX_SEGMENT_BYTES = Integer.MAX_VALUE;
    /** Room for about 80,000 live and retired segments: far beyond any real store, small enough for any heap. */
    static final int MAX_MANIFEST_BYTES = 4 << 20;

    /** Segment header: magic, version, store id, segment id, epoch, CRC32C. */
    static final int SEGMENT_HEADER_BYTES = 8 + 4 + STORE_ID_BYTES + 8 + EPOCH_BYTES + 4;

    private Format() {
    }

    static boolean readable(int version) {
        return version >= OLDEST_READABLE && version <= VERSION;
    }

    static String segmentFileName(long segmentId) {
        return String.format("%s%012d%s", SEGMENT_PREFIX, segmentId, SEGMENT_SUFFIX);
    }

    static String pendingFileName(long segmentId) {
        return String.format("%s%012d%s", PENDING_PREFIX, segmentId, SEGMENT_SUFFIX);
    }

    /** The id a canonical segment file name encodes, or -1 when the name is not exactly a segment's. */
    static long segmentIdOf(String fileName) {
        return idOf(fileName, SEGMENT_PREFIX);
    }

    /** The id a canonical pending segment file name encodes, or -1. */
    static long pendingIdOf(String fileName) {
        return idOf(fileName, PENDING_PREFIX);
    }

    // Only the exact 12-digit form counts: aliases such as segment-1.seg or segment-+1.seg would let open check
    // one file while reads use another.
    private static long idOf(String fileName, String prefix) {
        int digits = fileName.length() - prefix.length() - SEGMENT_SUFFIX.length();
        if (!fileName.startsWith(prefix) || !fileName.endsWith(SEGMENT_SUFFIX) || digits != 12) {
            return -1;
        }
        long id = 0;
        for (int i = prefix.length(); i < prefix.length() + 12; i++) {
            char c = fileName.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            id = id * 10 + (c - '0');
        }
        return id;
    }

    static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
