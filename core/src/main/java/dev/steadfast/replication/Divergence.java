package dev.steadfast.replication;

/**
 * The entries of a demoted or deposed node that never reached the primary of a later term: LSNs
 * {@code fromLsn..toLsn} of its journal, written in older terms, are not in the cluster's history from
 * {@code newTerm} on. Kept durably; the node refuses to replicate until rebuilt.
 *
 * @param fromLsn the first LSN not on the new primary
 * @param toLsn   the node's last LSN
 * @param newTerm the term whose primary does not have them
 */
public record Divergence(long fromLsn, long toLsn, long newTerm) {
    /** {@return how many entries never reached the new primary} */
    public long count() {
        return toLsn - fromLsn + 1;
    }
}
