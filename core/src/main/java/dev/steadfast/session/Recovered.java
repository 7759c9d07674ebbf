package dev.steadfast.session;

/**
 * A session's state as rebuilt from the store, with the bookkeeping the session continues from; {@code lostEvents}
 * counts acknowledged events the rebuild could not recover ({@link PersistenceProfile.SnapshotOnly} after a crash).
 */
record Recovered<S>(S state, Lifecycle lifecycle, String route, long head, long covered, long eventsSinceSnapshot,
                    long foldedEvents, long totalEvents, RecoveryStats stats, long lostEvents) {
}
