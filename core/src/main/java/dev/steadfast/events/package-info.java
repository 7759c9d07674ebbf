/**
 * Events Steadfast emits for operators: group commits, write outcomes, takeovers, lease renewals and session
 * recoveries, delivered to a {@link dev.steadfast.events.SteadfastListener}. No metrics library is needed; the
 * {@code steadfast-micrometer} module binds these to Micrometer.
 */
package dev.steadfast.events;
