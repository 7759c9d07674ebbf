package dev.steadfast.backend.encryptedfile;

import java.util.List;

/**
 * The authenticated table of contents of a store: which segments are live and in what order, where their hash
 * chain starts, and the high-water mark that the segments must reach on open.
 *
 * @param storeId      random id of the store, bound into every record
 * @param generation   raised on every manifest write
 * @param baseSequence the sequence of the record before the first live segment's first record
 * @param baseChain    the chain value before the first live segment's first record
 * @param segments     live segments, oldest first; the last one is the active one
 * @param hwmSequence  the last record known durable when the manifest was written
 * @param hwmChain     the chain value after that record
 * @param retired      segments a compaction retired whose files may still exist; open deletes exactly these (when
 *                     their header matches), and nothing else the manifest does not list
 */
record Manifest(byte[] storeId, long generation, long baseSequence, byte[] baseChain, List<SegmentRef> segments,
                long hwmSequence, byte[] hwmChain, List<SegmentRef> retired) {

    /** A live segment: its id and the random epoch its header and records carry. */
    record SegmentRef(long id, byte[] epoch) {
    }

    Manifest {
        segments = List.copyOf(segments);
        retired = List.copyOf(retired);
    }

    /** The next generation: same base, these live segments, this high-water mark, these retired segments. */
    Manifest next(List<SegmentRef> live, long hwm, byte[] chain, List<SegmentRef> retiredNow) {
        return new Manifest(storeId, generation + 1, baseSequence, baseChain, live, hwm, chain, retiredNow);
    }

    boolean lists(long segmentId) {
        return segments.stream().anyMatch(s -> s.id() == segmentId);
    }

    SegmentRef active() {
        return segments.get(segments.size() - 1);
    }
}
