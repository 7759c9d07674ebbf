package dev.steadfast.session;

import java.util.Objects;

/**
 * How sessions of one kind persist and what continuity they promise.
 *
 * @param profile           how events are persisted
 * @param reconnectPolicy   the policy the session plans to reconnect with, used by
 *                          {@link DurableSession#continuityReport}
 * @param continuitySloMs   the longest acceptable time from failover to reconnect
 * @param maxDataLossEvents the most events a failover may lose
 * @param keepSnapshots     how many snapshots to keep (1..100, default 2): recovery falls back to an older one when
 *                          the newest cannot be read or decoded, if the journal still holds the events after it
 * @param retention         how much of the journal to keep, applied in the batch of each checkpoint (only
 *                          {@link PersistenceProfile.SnapshotJournal} has both a journal and snapshots to apply it
 *                          to); {@link RetentionPolicy#keepAll()} by default, or, with
 *                          {@link PersistenceProfile.SnapshotJournal#pruneJournal()}, the events after the oldest
 *                          kept snapshot
 */
public record SessionOptions(PersistenceProfile profile, ReconnectPolicy reconnectPolicy, long continuitySloMs,
                             long maxDataLossEvents, int keepSnapshots, RetentionPolicy retention) {
    /** The snapshots kept unless told otherwise. */
    public static final int DEFAULT_KEEP_SNAPSHOTS = 2;

    /**
     * Checks the components.
     *
     * @param profile           how events are persisted
     * @param reconnectPolicy   the policy the session plans to reconnect with, used by
     *                          {@link DurableSession#continuityReport}
     * @param continuitySloMs   the longest acceptable time from failover to reconnect
     * @param maxDataLossEvents the most events a failover may lose
     * @param keepSnapshots     how many snapshots to keep (1..100, default 2): recovery falls back to an older one
     *                          when the newest cannot be read or decoded, if the journal still holds the events after
     *                          it
     * @param retention         how much of the journal to keep, applied in the batch of each checkpoint (only
     *                          {@link PersistenceProfile.SnapshotJournal} has both a journal and snapshots to apply
     *                          it to); {@link RetentionPolicy#keepAll()} by default, or, with
     *                          {@link PersistenceProfile.SnapshotJournal#pruneJournal()}, the events after the oldest
     *                          kept snapshot
     * @throws IllegalArgumentException if a limit is negative, {@code keepSnapshots} is outside 1..100, or a
     *                                  retention other than keep-all is given to a profile without both a journal
     *                                  and snapshots
     */
    public SessionOptions {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(reconnectPolicy, "reconnectPolicy");
        if (continuitySloMs < 0) {
            throw new IllegalArgumentException("continuitySloMs must be >= 0, was " + continuitySloMs);
        }
        if (maxDataLossEvents < 0) {
            throw new IllegalArgumentException("maxDataLossEvents must be >= 0, was " + maxDataLossEvents);
        }
        if (keepSnapshots < 1 || keepSnapshots > 100) {
            throw new IllegalArgumentException("keepSnapshots must be 1..100, was " + keepSnapshots);
        }
        Objects.requireNonNull(retention, "retention");
        if (!(retention instanceof RetentionPolicy.KeepAll)
                && !(profile instanceof PersistenceProfile.SnapshotJournal)) {
            throw new IllegalArgumentException("retention " + retention + " needs a journal and snapshots (profile "
                    + "SnapshotJournal); profile " + profile + " has no journal prefix a snapshot covers");
        }
    }

    /**
     * Options keeping {@code keepSnapshots} snapshots and the whole journal.
     *
     * @param profile           how events are persisted
     * @param reconnectPolicy   the policy the session plans to reconnect with
     * @param continuitySloMs   the longest acceptable time from failover to reconnect, {@code >= 0}
     * @param maxDataLossEvents the most events a failover may lose, {@code >= 0}
     * @param keepSnapshots     how many snapshots to keep, 1..100
     * @throws IllegalArgumentException if a limit is out of range
     */
    public SessionOptions(PersistenceProfile profile, ReconnectPolicy reconnectPolicy, long continuitySloMs,
                          long maxDataLossEvents, int keepSnapshots) {
        this(profile, reconnectPolicy, continuitySloMs, maxDataLossEvents, keepSnapshots, RetentionPolicy.keepAll());
    }

    /**
     * Options keeping {@link #DEFAULT_KEEP_SNAPSHOTS} snapshots and the whole journal.
     *
     * @param profile           how events are persisted
     * @param reconnectPolicy   the policy the session plans to reconnect with
     * @param continuitySloMs   the longest acceptable time from failover to reconnect, {@code >= 0}
     * @param maxDataLossEvents the most events a failover may lose, {@code >= 0}
     * @throws IllegalArgumentException if a limit is negative
     */
    public SessionOptions(PersistenceProfile profile, ReconnectPolicy reconnectPolicy, long continuitySloMs,
                          long maxDataLossEvents) {
        this(profile, reconnectPolicy, continuitySloMs, maxDataLossEvents, DEFAULT_KEEP_SNAPSHOTS);
    }

    /**
     * {@return these options keeping {@code count} snapshots}
     *
     * @param count how many snapshots to keep, 1..100; more lets recovery fall back further past unreadable ones
     * @throws IllegalArgumentException if {@code count} is out of range
     */
    public SessionOptions withKeepSnapshots(int count) {
        return new SessionOptions(profile, reconnectPolicy, continuitySloMs, maxDataLossEvents, count, retention);
    }

    /**
     * {@return these options with journal retention {@code policy}}
     *
     * @param policy how much of the journal each checkpoint keeps
     * @throws IllegalArgumentException if the profile has no journal prefix a snapshot covers (only
     *                                  {@link PersistenceProfile.SnapshotJournal} has)
     */
    public SessionOptions withRetention(RetentionPolicy policy) {
        return new SessionOptions(profile, reconnectPolicy, continuitySloMs, maxDataLossEvents, keepSnapshots, policy);
    }

    /** The policy checkpoints apply: {@link #retention()}, or for a pruning profile the oldest kept snapshot's. */
    RetentionPolicy retentionInEffect() {
        if (retention instanceof RetentionPolicy.KeepAll && profile instanceof PersistenceProfile.SnapshotJournal sj
                && sj.pruneJournal()) {
            return RetentionPolicy.afterSnapshot(keepSnapshots);
        }
        return retention;
    }

    /**
     * Options for {@code profile} with the usual targets.
     *
     * @param profile how events are persisted
     * @return {@code profile} with {@link ReconnectPolicy#REHYDRATE}, a 1 s continuity SLO and no data loss allowed
     */
    public static SessionOptions of(PersistenceProfile profile) {
        return new SessionOptions(profile, ReconnectPolicy.REHYDRATE, 1_000, 0);
    }
}
