/**
 * Coordinated zero-RPO failover: hand the primary role of a replicated journal from one node to another without
 * losing an acknowledged write.
 *
 * <p>{@link dev.steadfast.failover.FailoverCoordinator} freezes writes on the primary, waits for the target's
 * durable frontier to reach the frozen frontier, hands over {@code term + 1} and demotes the old primary. In
 * {@link dev.steadfast.failover.FailoverMode.Coordinated} mode a target that does not catch up in time aborts the
 * handover and writes resume; in {@link dev.steadfast.failover.FailoverMode.Force} mode the handover completes and
 * reports how many LSNs were skipped. Any fault after the freeze resumes writes or reports exactly which state each
 * node was left in ({@link dev.steadfast.failover.FailoverFailed}). The cluster is driven through
 * {@link dev.steadfast.failover.ClusterControl}; {@link dev.steadfast.failover.TransportClusterControl} drives
 * real nodes over a transport; {@link dev.steadfast.failover.LostPrimaryControl} drives a Force failover when the old
 * primary is gone (killed, its machine lost) and cannot be frozen, taking the survivors' highest frontier as the one
 * to reach. {@link dev.steadfast.failover.LostPrimaryFailover} promotes the most advanced survivor outright.
 */
package dev.steadfast.failover;
