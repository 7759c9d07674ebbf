/**
 * A replicated journal over any {@link dev.steadfast.spi.Store}: a primary
 * {@link dev.steadfast.replication.ReplicationNode} commits each batch together with its LSN-numbered journal entry,
 * stamped with its term, and ships it over a {@link dev.steadfast.spi.transport.Transport}; replicas apply it
 * through their own store and acknowledge their durable LSN. Terms fence replication the way epochs fence owners.
 * {@link dev.steadfast.replication.AckMode} states when a write is acknowledged and what that guarantees; in
 * {@code local} mode a background shipper keeps the replicas hot. Frames carry several consecutive entries, applied
 * by the replica in one {@code applyAll}. A node left holding entries no later primary has is
 * {@linkplain dev.steadfast.replication.ReplicationNode#rebuildOn rebuilt} on an empty store.
 *
 * <p>What a node keeps in its store, beside the application's data: the journal {@code steadfast.replication/log},
 * the term as the fence {@code steadfast.replication/term}, the {@link dev.steadfast.replication.TermHistory} in
 * namespace {@code steadfast.replication/terms} and a {@link dev.steadfast.replication.Divergence} in
 * {@code steadfast.replication/diverged}.
 */
package dev.steadfast.replication;
