package dev.steadfast.backend.encryptedfile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Appends sealed records to the active segment. Records are staged in memory by {@link #append} and reach the disk
 * in one write and one {@code fdatasync} per {@link #commit}, which is what makes group commit cheap. Used only
 * under the store's writer lock.
 */
final class SegmentWriter {
    final Segment segment;
    private final byte[] storeId;
    private final RecordCipher cipher;
    private final ChainHash chainHash = new ChainHash();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(4096);
    private final long firstSequence;
    private long position;
    private long lastSequence;
    private byte[] lastChain;
    private long batchRecords;
    private boolean sealed;
    private long checkpointDue = -1;

    SegmentWriter(Segment segment, byte[] storeId, RecordCipher cipher, long position, long lastSequence,
                  byte[] lastChain, long firstSequence, long batchRecords, boolean sealed) {
        this.segment = segment;
        this.storeId = storeId;
        this.cipher = cipher;
        this.position = position;
        this.lastSequence = lastSequence;
        this.lastChain = lastChain;
        this.firstSequence = firstSequence;
        this.batchRecords = batchRecords;
        this.sealed = sealed;
    }

    /** A writer for a freshly created, empty segment that continues the chain at {@code (sequence, chain)}. */
    static SegmentWriter fresh(Segment segment, byte[] storeId, RecordCipher cipher, long sequence, byte[] chain) {
        return new SegmentWriter(segment, storeId, cipher, Format.SEGMENT_HEADER_BYTES, sequence, chain,
                sequence + 1, 0, false);
    }

    /**
     * Notes that a manifest of {@code generation} is durable: the next record staged in this segment is preceded by
     * a checkpoint carrying it. Costs no extra fsync: the checkpoint travels with the next group.
     */
    void checkpointAfter(long generation) {
        checkpointDue = generation;
    }

    /** Seals {@code plaintext} as the next record and stages it; returns the frame's offset in the segment. */
    long append(byte type, byte[] plaintext) {
        if (sealed) {
            throw new IllegalStateException("segment " + segment.id + " is sealed");
        }
        if (checkpointDue >= 0 && type != Format.TYPE_SEAL) {
            long generation = checkpointDue;
            checkpointDue = -1;
            append(Format.TYPE_CHECKPOINT, ByteBuffer.allocate(8).putLong(generation).array());
        }
        long sequence = lastSequence + 1;
        byte[] ct = cipher.seal(plaintext, AssociatedData.forRecord(segment.version, storeId, segment.id, segment.epoch, sequence,
                type, lastChain));
        byte[] frame = Framing.encode(sequence, type, lastChain, ct);
        long offset = position + pending.size();
        if (offset + frame.length > Format.MAX_SEGMENT_BYTES) {
            throw new IllegalStateException("segment " + segment.id + " would exceed "
                    + Format.MAX_SEGMENT_BYTES + " bytes; commit smaller groups");
        }
        pending.write(frame, 0, frame.length);
        lastChain = chainHash.next(lastChain, sequence, type, ct, 0, ct.length);
        lastSequence = sequence;
        if (type == Format.TYPE_BATCH) {
            batchRecords++;
        } else if (type == Format.TYPE_SEAL) {
            sealed = true;
        }
        return offset;
    }

    /** Stages the seal record: this segment's first sequence and its number of batch records. */
    void appendSeal() {
        append(Format.TYPE_SEAL, ByteBuffer.allocate(16).putLong(firstSequence).putLong(batchRecords).array());
    }

    /** Writes every staged record and forces them to disk; on return they are durable. */
    void commit() throws IOException {
        if (pending.size() == 0) {
            return;
        }
        drain();
        segment.channel.force(false);
    }

    /** Writes the staged records without forcing them; they are not durable until the next {@link #commit}. */
    void drain() throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(pending.toByteArray());
        Durable.writeFully(segment.channel, buf, position);
        position += buf.capacity();
        pending.reset();
    }

    long size() {
        return position + pending.size();
    }

    long lastSequence() {
        return lastSequence;
    }

    byte[] lastChain() {
        return lastChain.clone();
    }

    boolean sealed() {
        return sealed;
    }
}
