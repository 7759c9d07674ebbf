package dev.steadfast.session;

/**
 * How well a session came through one failover, against its SLO.
 *
 * @param reconnectLatencyMs      time from failover to reconnect
 * @param estimatedDataLossEvents acknowledged events the failover lost (or would lose)
 * @param met                     whether both are within the session's limits
 */
public record ContinuityReport(long reconnectLatencyMs, long estimatedDataLossEvents, boolean met) {
}
