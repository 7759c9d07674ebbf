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
 */
public record SessionOptions(PersistenceProfile profile, ReconnectPolicy reconnectPolicy, long continuitySloMs,
                             long maxDataLossEvents) {
    /** @throws IllegalArgumentException if a limit is negative */
    public SessionOptions {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(reconnectPolicy, "reconnectPolicy");
        if (continuitySloMs < 0) {
            throw new IllegalArgumentException("continuitySloMs must be >= 0, was " + continuitySloMs);
        }
        if (maxDataLossEvents < 0) {
            throw new IllegalArgumentException("maxDataLossEvents must be >= 0, was " + maxDataLossEvents);
        }
    }

    /** {@code profile} with {@link ReconnectPolicy#REHYDRATE}, a 1 s continuity SLO and no data loss allowed. */
    public static SessionOptions of(PersistenceProfile profile) {
        return new SessionOptions(profile, ReconnectPolicy.REHYDRATE, 1_000, 0);
    }
}
