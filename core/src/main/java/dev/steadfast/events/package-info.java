/**
 * Events Steadfast emits for operators: a store opened (with live readings such as the group commit queue and the
 * backend's gauges) and closed, group commits, write outcomes, takeovers, lease renewals and hand-overs after
 * expiry, session recoveries, and what the backend reports of its own mechanics (lock waits, reconnects, segment
 * rolls, compactions, bytes written; see {@link dev.steadfast.spi.StoreMonitor}), delivered to a
 * {@link dev.steadfast.events.SteadfastListener}. No metrics library is needed; the {@code steadfast-micrometer}
 * module binds these to Micrometer.
 */
package dev.steadfast.events;
