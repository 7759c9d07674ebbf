package dev.steadfast.lifecycle;

/**
 * What {@link StoreCopy#run} did. Counts are of what this run wrote; a resumed run counts only the rest.
 *
 * @param streams   journals in the source
 * @param entries   journal entries written
 * @param snapshots snapshots written
 * @param records   records written
 * @param fences    fences written
 * @param resumed   whether this run continued an interrupted copy
 * @param digest    the digest both stores matched at the end
 */
public record CopyReport(int streams, long entries, long snapshots, long records, long fences, boolean resumed,
                         StoreDigest digest) {
}
