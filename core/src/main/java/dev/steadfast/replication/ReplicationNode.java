package dev.steadfast.replication;

import dev.steadfast.spi.Conflict;
import dev.steadfast.spi.Guard;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.spi.transport.Endpoint;
import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.Message;
import dev.steadfast.spi.transport.RoleCommand;
import dev.steadfast.spi.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One node of a replicated journal: the primary stamps every committed batch with an LSN and its term and ships
 * it; a replica applies it through its own {@link Store} (any backend) durably, then acknowledges its durable LSN.
 *
 * <p><b>Writes.</b> {@link #write} commits the batch and its journal entry in one atomic batch of the node's store,
 * guarded by the node's durable term, then acknowledges per {@link AckMode} (see there for the guarantee). A
 * replica or a frozen primary answers {@link WriteOutcome.NotAccepted}; nothing is written.
 *
 * <p><b>Terms.</b> A frame of the node's term is admitted, one of a higher term is admitted after the term is
 * adopted durably, one of a lower term is refused: a deposed primary's frames are refused by every replica that
 * has seen the new term, and a primary that hears of a higher term stops accepting writes. Every adopted term is
 * recorded in the {@link TermHistory}; a node whose journal holds entries the new primary never had records the
 * {@link Divergence} and refuses frames.
 *
 * <p><b>Role commands</b> (freeze, resume, catch-up, promote, demote, status) arrive over the transport from a
 * failover coordinator. Thread-safe. Closing the node stops its endpoint and links, not its store.
 */
public final class ReplicationNode implements AutoCloseable {
    private final NodeState state;
    private final ReplicationSettings settings;
    private final Shipper shipper;
    private final FrameApplier applier;
    private final Endpoint endpoint;
    private final Transport transport;
    private final BackgroundShipper background;

    ReplicationNode(Store store, Transport transport, ReplicationSettings settings) {
        this.settings = settings;
        this.transport = transport;
        this.state = new NodeState(store, settings.nodeId());
        this.shipper = new Shipper(state, transport, settings.clusterId(), settings.replicasOf(settings.nodeId()),
                settings.timeout(), settings.maxFramesPerShip(), this::deposed);
        this.applier = new FrameApplier(state);
        this.endpoint = transport.listen(settings.address(), Handshake.of(settings.clusterId(), settings.nodeId(),
                state.term), this::handle);
        this.background = settings.ackMode() instanceof AckMode.Local && !settings.shipInterval().isZero()
                ? new BackgroundShipper(state.nodeId, this::replicatedFully, settings.shipInterval(),
                settings.timeout().multipliedBy(2)) : null;
    }

    /**
     * {@return a builder of a node's settings, which then starts the node; see
     * {@link ReplicationSettings#builder()}}
     */
    public static ReplicationSettings.Builder builder() {
        return ReplicationSettings.builder();
    }

    /**
     * Makes a node that never held a term the primary of term 1: the way a new cluster starts.
     *
     * @throws IllegalStateException if the node already adopted a term
     */
    public void bootstrapPrimary() {
        synchronized (state.lock) {
            if (state.term != 0) {
                throw new IllegalStateException("node '" + state.nodeId + "' already holds term " + state.term
                        + "; only a node that never held a term can bootstrap a cluster");
            }
        }
        promote(1);
    }

    /**
     * Commits {@code batch} as the next LSN and acknowledges it per the node's {@link AckMode}.
     *
     * @param batch the write, with its guards; it commits whole or not at all
     * @return acknowledged, unconfirmed (committed but not confirmed by enough replicas), rejected by a guard, or
     *         not accepted by a node that is not a writable primary
     */
    public WriteOutcome write(WriteBatch batch) {
        long lsn;
        long term;
        synchronized (state.lock) {
            if (state.role != Role.PRIMARY) {
                return new WriteOutcome.NotAccepted(state.role, state.term);
            }
            term = state.term;
            long head = state.head();
            lsn = head + 1;
            List<Guard> guards = new ArrayList<>(batch.guards());
            guards.add(new Guard.FenceAt(Layout.TERM_FENCE, term));
            List<WriteOp> ops = new ArrayList<>(batch.operations());
            ops.add(new WriteOp.Append(Layout.LOG, head, List.of(BatchCodec.encode(term, batch))));
            WriteResult result = state.store.apply(new WriteBatch(guards, ops));
            if (result instanceof Conflict conflict) {
                return new WriteOutcome.Rejected(conflict);
            }
        }
        if (settings.ackMode() instanceof AckMode.Replicas replicas) {
            int holding = shipper.shipAll(lsn);
            return holding >= replicas.k() ? new WriteOutcome.Acknowledged(lsn, term, holding)
                    : new WriteOutcome.Unconfirmed(lsn, term, holding, replicas.k());
        }
        if (background != null) {
            background.wake();
        }
        return new WriteOutcome.Acknowledged(lsn, term, 0);
    }

    /**
     * Ships what each replica is missing, up to a bounded number of entries per replica, now. An
     * {@link AckMode.Local} node does this in the background unless its ship interval is zero.
     *
     * @return how many replicas hold the whole journal durably
     */
    public int replicate() {
        return isPrimary() ? shipper.shipAll(state.head()) : 0;
    }

    /**
     * Waits until {@code replicas} replicas have acknowledged {@code lsn} as durable in the node's current term;
     * with {@link AckMode.Local}, for example before a planned shutdown of the primary.
     *
     * @param lsn      the log sequence number to wait for
     * @param replicas how many replicas must hold it
     * @param timeout  the longest wait
     * @return false if they had not when {@code timeout} passed
     * @throws IllegalArgumentException if the cluster has fewer replicas
     * @throws InterruptedException     if the thread is interrupted while waiting
     */
    public boolean awaitReplicated(long lsn, int replicas, Duration timeout) throws InterruptedException {
        return shipper.await(lsn, replicas, Objects.requireNonNull(timeout, "timeout"));
    }

    private boolean replicatedFully() {
        return !isPrimary() || shipper.shipAll(state.head()) == settings.replicasOf(state.nodeId).size();
    }

    /**
     * Rebuilds this {@link Role#DIVERGED} node from the cluster's primary: closes it and starts the same node (id,
     * address, settings, transport) on {@code empty}, where the primary's next ship brings it up from LSN 1 like
     * any replica that fell behind. The divergent entries cannot be cut out in place: they were applied to the
     * application's data, and stores only truncate journals from the front. So they stay in this node's old store,
     * named by {@link #divergence()}, for an operator to inspect or re-submit; close that store when done.
     *
     * @param empty a store with no state, which the rebuilt node then owns
     * @return the rebuilt node, a replica at term 0 until the primary's first frame
     * @throws IllegalStateException    if this node is not diverged
     * @throws IllegalArgumentException if {@code empty} is this node's store or holds any state
     */
    public ReplicationNode rebuildOn(Store empty) {
        Objects.requireNonNull(empty, "store");
        if (state.role != Role.DIVERGED) {
            throw new IllegalStateException("node '" + state.nodeId + "' is " + state.role + " at term " + state.term
                    + "; only a DIVERGED node is rebuilt");
        }
        if (empty == state.store || !empty.listStreams("").isEmpty() || !empty.listNamespaces("").isEmpty()
                || !empty.listFences("").isEmpty() || !empty.listSnapshots("").isEmpty()) {
            throw new IllegalArgumentException("node '" + state.nodeId + "' must be rebuilt on an empty store, not"
                    + (empty == state.store ? " its own" : " one holding " + empty.listStreams("") + ", records of "
                    + empty.listNamespaces("") + ", " + empty.listFences("").size() + " fences and snapshots "
                    + empty.listSnapshots("")));
        }
        close();
        return new ReplicationNode(empty, transport, settings);
    }

    /** {@return the node's role now} */
    public Role role() {
        return state.role;
    }

    /** {@return the highest term the node adopted durably, 0 before any} */
    public long term() {
        return state.term;
    }

    /** {@return the last LSN durable in the node's store} */
    public long durableLsn() {
        return state.head();
    }

    /** {@return the entries of this node no later primary has, or empty if none were found} */
    public Optional<Divergence> divergence() {
        return state.divergence();
    }

    /** {@return the terms this node has seen, where each started and on which node} */
    public TermHistory termHistory() {
        return state.history;
    }

    /** {@return the node's id} */
    public String id() {
        return state.nodeId;
    }

    /** {@return the transport address peers reach the node at} */
    public String address() {
        return endpoint.address();
    }

    /** {@return the node's store, for reading; write through {@link #write}} */
    public Store store() {
        return state.store;
    }

    Message handle(Handshake from, Message request) {
        if (request instanceof Message.Frame frame) {
            return applier.apply(from, frame);
        }
        if (request instanceof RoleCommand command) {
            return new RoleCommands(state, shipper).handle(command);
        }
        return new Message.Refusal(state.term, Message.Reason.INVALID,
                "node '" + state.nodeId + "' does not take " + request.getClass().getSimpleName() + " requests");
    }

    private void promote(long term) {
        Message reply = new RoleCommands(state, shipper).handle(new RoleCommand.Promote(term));
        if (reply instanceof Message.Refusal refusal) {
            throw new IllegalStateException(refusal.detail());
        }
    }

    private boolean isPrimary() {
        Role role = state.role;
        return role == Role.PRIMARY || role == Role.FROZEN;
    }

    private void deposed(long higherTerm) {
        synchronized (state.lock) {
            if (higherTerm > state.term && isPrimary()) {
                state.role = Role.REPLICA; // adopts the term with the new primary's first frame
            }
        }
    }

    @Override
    public void close() {
        if (background != null) {
            background.close();
        }
        endpoint.close();
        shipper.close();
    }

    @Override
    public String toString() {
        return "ReplicationNode[" + state.nodeId + ", " + state.role + " at term " + state.term + ", LSN "
                + durableLsn() + "]";
    }
}
