package dev.steadfast.replication;

import dev.steadfast.spi.Names;

/**
 * One line of a node's term history: {@code term} began at {@code startLsn} with {@code primaryId} as primary.
 *
 * @param term      the term, {@code >= 1}
 * @param startLsn  the first LSN written in it, {@code >= 1}
 * @param primaryId the node that was primary
 */
public record TermStart(long term, long startLsn, String primaryId) {
    /**
     * Checks the components.
     *
     * @param term      the term, {@code >= 1}
     * @param startLsn  the first LSN written in it, {@code >= 1}
     * @param primaryId the node that was primary
     * @throws IllegalArgumentException if a value is out of range
     */
    public TermStart {
        Names.require("primary id", primaryId);
        if (term < 1 || startLsn < 1) {
            throw new IllegalArgumentException("a term start needs term >= 1 and LSN >= 1, was term " + term
                    + " at LSN " + startLsn);
        }
    }
}
