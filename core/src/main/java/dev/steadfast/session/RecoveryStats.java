package dev.steadfast.session;

/**
 * What the last rehydration of a session cost.
 *
 * @param snapshotSequence the journal sequence the snapshot covered, 0 without one
 * @param entriesRead      journal entries read after the snapshot
 * @param eventsReplayed   events among them folded by the reducer
 * @param nanos            time taken on the session's clock
 * @param snapshot         which snapshot recovery started from, and why (a fallback names the fault it avoided)
 */
public record RecoveryStats(long snapshotSequence, long entriesRead, long eventsReplayed, long nanos,
                            SnapshotChoice snapshot) {
}
