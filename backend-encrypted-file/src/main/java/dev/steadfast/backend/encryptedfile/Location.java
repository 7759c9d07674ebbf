package dev.steadfast.backend.encryptedfile;

/** Packs a record's place (segment id, frame offset) into one long: 32 bits each. */
final class Location {
    private Location() {
    }

    static long of(long segmentId, long offset) {
        if (segmentId > 0xffffffffL || offset > 0xffffffffL) {
            throw new IllegalStateException("segment " + segmentId + " offset " + offset + " exceeds 32 bits");
        }
        return (segmentId << 32) | offset;
    }

    static long segment(long location) {
        return location >>> 32;
    }

    static long offset(long location) {
        return location & 0xffffffffL;
    }
}
