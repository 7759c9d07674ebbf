package dev.steadfast.spi;

import java.util.List;
import java.util.Objects;

/**
 * What {@link StoreProvider#repair} found and did (or, in a dry run, would do) to make a damaged store open again.
 * Repair never deletes: whatever it takes out of the store is moved or copied, byte for byte, into
 * {@link #quarantine}.
 *
 * @param store       the store, as its spec prints (secret options hidden)
 * @param dryRun      whether nothing was changed, only planned
 * @param quarantine  the side directory that holds (or would hold) what was taken out; empty when nothing is
 * @param actions     what was (or would be) done, one line each, in order; empty when the store needed nothing
 * @param lostEntries journal entries the store no longer holds after the repair, per stream, as ranges
 * @param otherLosses other state no longer held: snapshots, records, fences, truncations, one line each
 * @param unknowns    what cannot be known about the loss (for example records that could not be decrypted)
 */
public record RepairReport(String store, boolean dryRun, String quarantine, List<String> actions,
                           List<LostEntries> lostEntries, List<String> otherLosses, List<String> unknowns) {

    /**
     * A run of entries of one journal that the repaired store no longer holds.
     *
     * @param stream        the journal
     * @param firstSequence the first lost sequence, {@code >= 1}
     * @param lastSequence  the last lost sequence, inclusive, {@code >= firstSequence}
     * @param contentRead   whether the entries' bytes could be read and were kept in the quarantine; false when
     *                      only their sequences are known
     */
    public record LostEntries(StreamId stream, long firstSequence, long lastSequence, boolean contentRead) {
        /**
         * Checks the range.
         *
         * @param stream        the journal
         * @param firstSequence the first lost sequence, {@code >= 1}
         * @param lastSequence  the last lost sequence, {@code >= firstSequence}
         * @param contentRead   whether the entries' bytes were read into the quarantine
         * @throws IllegalArgumentException if the range is empty or starts below 1
         */
        public LostEntries {
            Objects.requireNonNull(stream, "stream");
            if (firstSequence < 1 || lastSequence < firstSequence) {
                throw new IllegalArgumentException("lost entries of stream '" + stream + "' must be a range from"
                        + " >= 1, was " + firstSequence + ".." + lastSequence);
            }
        }
    }

    /**
     * Copies the lists, so the report stays as the repair wrote it.
     *
     * @param store       the store, as its spec prints (secret options hidden)
     * @param dryRun      whether nothing was changed, only planned
     * @param quarantine  the side directory for what was taken out; empty when nothing is
     * @param actions     what was (or would be) done, one line each, in order
     * @param lostEntries journal entries no longer held, per stream, as ranges
     * @param otherLosses other state no longer held, one line each
     * @param unknowns    what cannot be known about the loss
     * @throws NullPointerException if an argument is null
     */
    public RepairReport {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(quarantine, "quarantine");
        actions = List.copyOf(actions);
        lostEntries = List.copyOf(lostEntries);
        otherLosses = List.copyOf(otherLosses);
        unknowns = List.copyOf(unknowns);
    }

    /**
     * Whether the store was found damaged.
     *
     * @return true when the repair made (or, in a dry run, would make) at least one change
     */
    public boolean damaged() {
        return !actions.isEmpty();
    }
}
