package dev.steadfast.lifecycle;

import dev.steadfast.spi.StreamId;

import java.util.List;
import java.util.OptionalLong;

/**
 * What {@link Compaction#run} did.
 *
 * @param plan           what it set out to remove
 * @param entriesRemoved journal entries removed
 * @param busy           journals left as they were because their writers kept changing them under the compaction
 *                       (run again later)
 * @param spaceReclaimed whether the store was asked to give the freed space back
 * @param storageBytes   the store's size after, if the backend can tell
 */
public record CompactionReport(CompactionPlan plan, long entriesRemoved, List<StreamId> busy, boolean spaceReclaimed,
                               OptionalLong storageBytes) {
    /**
     * Copies the list.
     *
     * @param plan           what it set out to remove
     * @param entriesRemoved journal entries removed
     * @param busy           journals left as they were because their writers kept changing them under the compaction
     *                       (run again later)
     * @param spaceReclaimed whether the store was asked to give the freed space back
     * @param storageBytes   the store's size after, if the backend can tell
     */
    public CompactionReport {
        busy = List.copyOf(busy);
    }
}
