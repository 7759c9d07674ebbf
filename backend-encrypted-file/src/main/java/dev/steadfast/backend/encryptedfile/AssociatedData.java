package dev.steadfast.backend.encryptedfile;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Builds the associated data that binds a sealed record or manifest to its place, so that a ciphertext moved
 * anywhere else (another store, segment, position or type, or after another predecessor) fails to authenticate.
 */
final class AssociatedData {
    private static final byte[] RECORD_LABEL = "steadfast/encrypted-file/record".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MANIFEST_LABEL = "steadfast/encrypted-file/manifest".getBytes(StandardCharsets.US_ASCII);

    private AssociatedData() {
    }

    /** {@code version} is the format version of the segment's header: records keep the one they were sealed with. */
    static byte[] forRecord(int version, byte[] storeId, long segmentId, byte[] segmentEpoch, long sequence,
                            byte type, byte[] previousChain) {
        return ByteBuffer.allocate(RECORD_LABEL.length + 4 + storeId.length + 8 + segmentEpoch.length + 8 + 1
                        + previousChain.length)
                .put(RECORD_LABEL).putInt(version).put(storeId).putLong(segmentId).put(segmentEpoch)
                .putLong(sequence).put(type).put(previousChain).array();
    }

    static byte[] forFrame(int version, byte[] storeId, Manifest.SegmentRef segment, Framing.Frame frame) {
        return forRecord(version, storeId, segment.id(), segment.epoch(), frame.sequence(), frame.type(),
                frame.previousChain());
    }

    static byte[] forManifest(int version, byte[] storeId) {
        return ByteBuffer.allocate(MANIFEST_LABEL.length + 4 + storeId.length)
                .put(MANIFEST_LABEL).putInt(version).put(storeId).array();
    }
}
