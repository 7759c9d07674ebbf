package dev.steadfast.backend.encryptedfile;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The cleartext header of a segment file: magic, format version, store id, segment id, random epoch, CRC32C.
 * Nothing here is secret; every field is bound into the associated data of the segment's records.
 */
record SegmentHeader(int version, byte[] storeId, long segmentId, byte[] epoch) {

    byte[] encode() {
        ByteBuffer buf = ByteBuffer.allocate(Format.SEGMENT_HEADER_BYTES);
        buf.put(Format.SEGMENT_MAGIC).putInt(version).put(storeId).putLong(segmentId).put(epoch);
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 0, buf.position());
        buf.putInt((int) crc.getValue());
        return buf.array();
    }

    /** Parses a header, or explains in the exception message why the bytes are not one. */
    static SegmentHeader parse(byte[] bytes) {
        if (bytes.length < Format.SEGMENT_HEADER_BYTES) {
            throw new IllegalArgumentException("header is incomplete (" + bytes.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, Format.SEGMENT_HEADER_BYTES);
        byte[] magic = new byte[8];
        in.get(magic);
        if (!Arrays.equals(magic, Format.SEGMENT_MAGIC)) {
            throw new IllegalArgumentException("bad magic " + Format.hex(magic));
        }
        int version = in.getInt();
        byte[] storeId = new byte[Format.STORE_ID_BYTES];
        in.get(storeId);
        long id = in.getLong();
        byte[] epoch = new byte[Format.EPOCH_BYTES];
        in.get(epoch);
        int stored = in.getInt();
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, Format.SEGMENT_HEADER_BYTES - 4);
        if ((int) crc.getValue() != stored) {
            throw new IllegalArgumentException("header CRC32C mismatch");
        }
        return new SegmentHeader(version, storeId, id, epoch);
    }
}
