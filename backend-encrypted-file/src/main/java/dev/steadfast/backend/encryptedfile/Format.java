package dev.steadfast.backend.encryptedfile;

import java.nio.charset.StandardCharsets;

/** Constants of the on-disk format; changing any of them needs a new {@link #VERSION}. */
final class Format {
    /** The format version, bound into every record's associated data and every file header. */
    static final int VERSION = 1;

    static final byte[] SEGMENT_MAGIC = "SFEFSEG1".getBytes(StandardCharsets.US_ASCII);
    static final byte[] MANIFEST_MAGIC = "SFEFMAN1".getBytes(StandardCharsets.US_ASCII);

    static final String MANIFEST = "MANIFEST";
    static final String MANIFEST_TEMP = "MANIFEST.tmp";
    static final String LOCK = "LOCK";
    static final String SEGMENT_SUFFIX = ".seg";

    static final int STORE_ID_BYTES = 16;
    static final int EPOCH_BYTES = 16;
    static final int CHAIN_BYTES = 32;

    /** A record holding one write batch's changes. */
    static final byte TYPE_BATCH = 1;
    /** The last record of a sealed segment: its first sequence and record count. */
    static final byte TYPE_SEAL = 2;

    /** Frame prefix: body length (4) and CRC32C (4). */
    static final int FRAME_PREFIX_BYTES = 8;
    /** Cleartext record header inside a frame body: sequence (8), type (1), previous chain hash (32). */
    static final int RECORD_HEADER_BYTES = 8 + 1 + CHAIN_BYTES;
    /** The largest frame body accepted; larger lengths are damage, not data. */
    static final int MAX_BODY_BYTES = 1 << 30;

    /** Segment header: magic, version, store id, segment id, epoch, CRC32C. */
    static final int SEGMENT_HEADER_BYTES = 8 + 4 + STORE_ID_BYTES + 8 + EPOCH_BYTES + 4;

    private Format() {
    }

    static String segmentFileName(long segmentId) {
        return String.format("segment-%012d%s", segmentId, SEGMENT_SUFFIX);
    }

    /** The id a segment file name encodes, or -1 when the name is not a segment's. */
    static long segmentIdOf(String fileName) {
        if (!fileName.startsWith("segment-") || !fileName.endsWith(SEGMENT_SUFFIX)) {
            return -1;
        }
        String digits = fileName.substring("segment-".length(), fileName.length() - SEGMENT_SUFFIX.length());
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
